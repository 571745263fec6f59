import { IsSubjectToken } from '@conveyor-ts/core';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { EachSubjectToken } from './each-subject-token';

const POSITIVE_INT = { message: '$property must be a whole number of at least 1' };

class RetryOptionsModel {
  @IsOptional() @IsInt() @Min(1) initialDelayMs?: number;
  @IsOptional() @IsNumber() @Min(1) factor?: number;
  @IsOptional() @IsInt() @Min(1) maxDelayMs?: number;
}

/** The rules for `@Driver()` options, checked before anything connects. */
export class DriverOptionsModel {
  @IsSubjectToken()
  name!: string;

  @IsArray({ message: '$property must be an array of resource type names' })
  @ArrayNotEmpty({ message: '$property must list at least one resource type' })
  @ArrayUnique({ message: (a) => `$property must not list a resource twice (${duplicates(a.value)})` })
  @EachSubjectToken()
  resources!: string[];

  @IsOptional() @IsInt(POSITIVE_INT) @Min(1, POSITIVE_INT) concurrency?: number;
  @IsOptional() @IsBoolean() orderByResource?: boolean;
  @IsOptional() @IsInt(POSITIVE_INT) @Min(1, POSITIVE_INT) timeoutMs?: number;
  @IsOptional() @IsInt(POSITIVE_INT) @Min(1, POSITIVE_INT) maxAttempts?: number;
  @IsOptional() @IsInt(POSITIVE_INT) @Min(1, POSITIVE_INT) ackWaitMs?: number;
  @IsOptional() @IsIn(['all', 'new']) deliverPolicy?: 'all' | 'new';

  @IsOptional()
  @ValidateNested()
  @Type(() => RetryOptionsModel)
  retry?: RetryOptionsModel;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: '$property must list at least one event, or be left out to reconcile all' })
  @IsString({ each: true })
  events?: string[];
}

function duplicates(value: unknown): string {
  const items = Array.isArray(value) ? value : [];
  const repeated = items.filter((item, i) => items.indexOf(item) !== i);
  return [...new Set(repeated)].map((item) => `"${String(item)}"`).join(', ') + ' repeated';
}
