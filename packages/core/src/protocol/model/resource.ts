import { IsOptional, IsString } from 'class-validator';
import { IsStringRecord } from './is-string-record';
import { IsSubjectToken } from './is-subject-token';

/**
 * A Conveyor resource (protocol §3.1). `spec` is validated by the server against the resource
 * definition's JSON schema; `TSpec` lets a driver type it.
 */
export class Resource<TSpec = unknown> {
  /** UUIDv4 assigned by the server on create. */
  @IsOptional()
  @IsString()
  id?: string;

  /** Unique per resource type. */
  @IsString()
  name!: string;

  /** Pipeline name; when set, the server's engine routes the resource through that pipeline. */
  @IsOptional()
  @IsString()
  pipeline?: string;

  /** Resource definition (type) name. */
  @IsSubjectToken()
  resource!: string;

  /** String values only; the server sets `version` and `driverresults.<driver>`. */
  @IsOptional()
  @IsStringRecord()
  metadata?: Record<string, string> | null;

  /** Any JSON, validated by the server against the definition's schema. */
  spec!: TSpec;
}
