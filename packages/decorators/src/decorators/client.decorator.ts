import { inject } from 'tsyringe';
import { CONVEYOR_CLIENT } from '../tokens';
import { createParameterDecorator } from './create-parameter-decorator';

/**
 * The Conveyor API client (`CONVEYOR_CLIENT` in the container), on a @Reconcile() parameter or on a
 * constructor parameter.
 */
export function Client(): ParameterDecorator {
  return createParameterDecorator({ kind: 'client', decorator: '@Client()' }, (target, key, index) =>
    inject(CONVEYOR_CLIENT)(target, key, index),
  );
}
