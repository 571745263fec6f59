import {
  Driver,
  Logger,
  Payload,
  Reconcile,
  RunId,
  Signal,
  type DriverLogger,
  type DriverResult,
  type Resource,
} from '@conveyor-ts/decorators';
import { CloneFailedError } from './clone-failed-error';
import { CloneRefusedError } from './clone-refused-error';
import type { CloneSpec } from './clone-spec';
// A value import on purpose: emitDecoratorMetadata needs the class at run time for injection.
import { GitClonerService, type CloneResult } from './git-cloner.service';

/**
 * The `git-cloner` step of the `app-build` pipeline: clones `spec.repository` at `spec.ref`.
 * Refused input and git's own failures are final failure results (the pipeline stops and shows
 * why); anything unexpected is thrown, so the runtime retries it.
 */
@Driver({ name: 'git-cloner', resources: ['app-build'] })
export class GitCloner {
  constructor(private readonly cloner: GitClonerService) {}

  @Reconcile()
  async reconcile(
    @Payload() resource: Resource<CloneSpec>,
    @RunId() runId: string,
    @Logger() logger: DriverLogger,
    @Signal() signal: AbortSignal,
  ): Promise<DriverResult<CloneResult | null>> {
    try {
      const result = await this.cloner.clone(resource.spec, {
        runId,
        resourceName: resource.name,
        logger,
        signal,
      });
      return { success: true, message: `Cloned ${result.ref} at ${result.commit}`, data: result };
    } catch (error) {
      if (!(error instanceof CloneRefusedError || error instanceof CloneFailedError)) throw error;
      logger.error(error.message);
      return { success: false, message: error.message, data: null };
    }
  }
}
