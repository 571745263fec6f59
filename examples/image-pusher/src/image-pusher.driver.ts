import {
  Driver,
  Logger,
  Payload,
  Reconcile,
  Signal,
  type DriverLogger,
  type DriverResult,
  type Resource,
} from '@conveyor-ts/decorators';
import { ImagePushRefusedError } from './image-push-refused-error';
import type { ImageTargetSpec } from './image-target';
// A value import on purpose: emitDecoratorMetadata needs the class at run time for injection.
import { ImagePusherService, type PushResult } from './image-pusher.service';
import { RegistryError } from './registry/registry-error';

/**
 * The `image-pusher` step of the `app-build` pipeline: packages git-cloner's working tree as an
 * OCI image and pushes it to `spec.registry`. Refused input, and a registry that still fails after
 * its retries, are final failure results; anything unexpected is thrown, so the runtime retries it.
 */
@Driver({ name: 'image-pusher', resources: ['app-build'] })
export class ImagePusher {
  constructor(private readonly pusher: ImagePusherService) {}

  @Reconcile()
  async reconcile(
    @Payload() resource: Resource<{ image: ImageTargetSpec }>,
    @Logger() logger: DriverLogger,
    @Signal() signal: AbortSignal,
  ): Promise<DriverResult<PushResult | null>> {
    try {
      const result = await this.pusher.push(resource, { logger, signal });
      return { success: true, message: `Pushed ${result.image}@${result.digest}`, data: result };
    } catch (error) {
      if (!(error instanceof ImagePushRefusedError || error instanceof RegistryError)) throw error;
      logger.error(error.message);
      return { success: false, message: error.message, data: null };
    }
  }
}
