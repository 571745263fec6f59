import { createParameterDecorator } from './create-parameter-decorator';

/** The run id shared by every step of one resource creation. */
export function RunId(): ParameterDecorator {
  return createParameterDecorator({ kind: 'runId', decorator: '@RunId()' });
}
