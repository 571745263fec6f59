import { IsString } from 'class-validator';
import { IsJsonPayload } from './is-json-payload';
import { IsSubjectToken } from './is-subject-token';

/**
 * What a driver receives on `resources.<r>` and `drivers.<d>.resources.<r>` (protocol §3.4).
 * On the wire `payload` is the resource serialized as a JSON string (double-encoded).
 */
export class DriverMessage {
  /** `create` or `process` from every server version; other names are reconciled too. */
  @IsString()
  event!: string;

  /** The resource as JSON text (an object is tolerated on decode). */
  @IsJsonPayload()
  payload!: string;

  /** 24 hex characters, stable across redeliveries: an idempotency key. */
  @IsSubjectToken()
  id!: string;

  /** UUIDv4 shared by every step of one run; travels in log subjects, hence one token. */
  @IsSubjectToken()
  run_id!: string;
}
