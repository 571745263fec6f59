import { IsBoolean, IsString } from 'class-validator';
import { IsSubjectToken } from './is-subject-token';

/** What a reconcile returns (protocol §3.5); `data` is `null` when absent. */
export interface DriverResult<TData = unknown> {
  success: boolean;
  message: string;
  data?: TData | null;
}

/** The result as the engine receives it, with the driver's name (protocol §3.6). */
export class DriverResultEvent {
  @IsBoolean()
  success!: boolean;

  @IsString()
  message!: string;

  data!: unknown;

  /** Must be the driver's runtime name: the engine matches it against `steps[].driver`. */
  @IsSubjectToken()
  driver!: string;
}
