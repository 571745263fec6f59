// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsStringRecord } from './is-string-record';
import { IsSubjectToken } from './is-subject-token';

/** One pipeline step; the engine matches results to steps on `driver` (protocol §3.3). */
export class Step {
  @IsOptional()
  @IsString()
  id?: string;

  @IsOptional()
  @IsString()
  name?: string;

  @IsSubjectToken()
  driver!: string;
}

/** An ordered list of drivers a resource of one type goes through (protocol §3.3). */
export class Pipeline {
  @IsString()
  name!: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsOptional()
  @IsString()
  version?: string;

  @IsSubjectToken()
  resource!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Step)
  steps!: Step[];

  @IsOptional()
  @IsStringRecord()
  metadata?: Record<string, string> | null;
}
