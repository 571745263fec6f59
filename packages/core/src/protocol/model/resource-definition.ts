import { IsOptional, IsString } from 'class-validator';
import { IsSubjectToken } from './is-subject-token';

/** A resource type with a JSON schema for its `spec` (protocol §3.2). */
export class ResourceDefinition {
  @IsOptional()
  @IsString()
  id?: string;

  @IsSubjectToken()
  name!: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsOptional()
  @IsString()
  version?: string;

  /** A JSON Schema applied to `spec` (2020-12 unless the schema names another draft). */
  schema!: unknown;
}
