import type { RegExpEngine } from 'ajv/dist/types';
import { RE2JS } from 're2js';

/**
 * Ajv's `code.regExp`: schema `pattern`s run on RE2 (linear time, no backtracking), so no pattern can
 * block the event loop. The Go server's validator uses Go's regexp, also RE2: the same patterns
 * compile (no lookaround, no backreferences) and match the same way. `u` is implied by RE2.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    // Ajv keys its compiled patterns by `toString()`: without it every pattern would share one key.
    return { test: (input: string) => compiled.test(input), toString: () => `re2:${pattern}` };
  },
  { code: 'require("re2js").RE2JS.compile' },
);
