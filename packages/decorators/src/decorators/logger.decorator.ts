import { createParameterDecorator } from './create-parameter-decorator';

/** The per-run `DriverLogger`, bound to the driver, run id, event and message id. */
export function Logger(): ParameterDecorator {
  return createParameterDecorator({ kind: 'logger', decorator: '@Logger()' });
}
