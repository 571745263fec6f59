import { createParameterDecorator } from './create-parameter-decorator';

/** The message's event name: `create` (first pipeline step, broadcast) or `process` (later steps). */
export function Event(): ParameterDecorator {
  return createParameterDecorator({ kind: 'event', decorator: '@Event()' });
}
