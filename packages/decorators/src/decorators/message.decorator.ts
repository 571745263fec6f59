import { createParameterDecorator } from './create-parameter-decorator';

/** The delivery: `{ id, subject, route, attempt }` (`MessageInfo`); `id` is an idempotency key. */
export function Message(): ParameterDecorator {
  return createParameterDecorator({ kind: 'message', decorator: '@Message()' });
}
