import { createParameterDecorator } from './create-parameter-decorator';

/** An `AbortSignal`, aborted on the driver's timeout and when shutdown's grace period runs out. */
export function Signal(): ParameterDecorator {
  return createParameterDecorator({ kind: 'signal', decorator: '@Signal()' });
}
