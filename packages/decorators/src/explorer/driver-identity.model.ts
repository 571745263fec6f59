import { IsSubjectToken } from '@conveyor-ts/core';
import { ArrayNotEmpty, ArrayUnique, IsArray } from 'class-validator';
import { EachSubjectToken } from './each-subject-token';

/**
 * The rules for a `@Driver()`'s name and resources, checked before anything connects. Its runtime
 * options (concurrency, timeouts, ...) are checked by core's `findDriverOptionProblems`, the rule set
 * the manager applies too.
 */
export class DriverIdentityModel {
  @IsSubjectToken()
  name!: string;

  @IsArray({ message: '$property must be an array of resource type names' })
  @ArrayNotEmpty({ message: '$property must list at least one resource type' })
  @ArrayUnique({ message: (a) => `$property must not list a resource twice (${duplicates(a.value)})` })
  @EachSubjectToken()
  resources!: string[];
}

function duplicates(value: unknown): string {
  const items = Array.isArray(value) ? value : [];
  const repeated = items.filter((item, i) => items.indexOf(item) !== i);
  return [...new Set(repeated)].map((item) => `"${String(item)}"`).join(', ') + ' repeated';
}
