import type { DriverLogger, Resource } from '@conveyor-ts/core';
import { buildImage } from './image/build-image';
import type { ContentBlob } from './image/content-blob';
import { readCloneSource } from './clone-source';
import { resolveImagePusherConfig, registryBaseUrl, type ImagePusherConfig } from './image-pusher-config';
import { formatImageReference, parseImageTarget, type ImageTarget } from './image-target';
import { RegistryAuthenticator } from './registry/registry-authenticator';
import { RegistryClient } from './registry/registry-client';

/** image-pusher's result data (`driverresults.image-pusher`.data). */
export interface PushResult {
  /** `registry/repository:tag` */
  image: string;
  /** The manifest's digest: `registry/repository@<digest>` names exactly this image. */
  digest: string;
}

export interface PushContext {
  logger: DriverLogger;
  signal?: AbortSignal;
}

/** The pipeline step whose result holds the working tree (git-cloner's driver name). */
export const CLONE_STEP = 'git-cloner';

/**
 * Packages the working tree git-cloner left for this run as a one-layer OCI image and pushes it
 * through the Distribution API: blobs the registry already has are skipped, the rest uploaded,
 * then the manifest is put under the tag.
 */
export class ImagePusherService {
  readonly config: ImagePusherConfig;

  constructor(config: Partial<ImagePusherConfig> = {}) {
    this.config = resolveImagePusherConfig(config);
  }

  /** Throws `ImagePushRefusedError` for unusable input and `RegistryError` when the registry fails. */
  async push(resource: Pick<Resource, 'spec' | 'metadata'>, context: PushContext): Promise<PushResult> {
    const { logger } = context;
    const source = await readCloneSource(resource, CLONE_STEP);
    const target = parseImageTarget(resource.spec, source.commit);
    const image = formatImageReference(target);

    logger.info(`Building image ${image} from ${source.path} at ${source.commit}`);
    const built = await buildImage({
      path: source.path,
      commit: source.commit,
      workdir: this.config.workdir,
    });
    logger.info(
      `Layer ${built.layer.digest} (${built.layer.size} bytes compressed), config ${built.config.digest}`,
    );

    const client = this.clientFor(target, context);
    for (const blob of [built.layer, built.config]) await this.ensureBlob(client, blob, logger);
    const digest = await client.putManifest(target.tag, built.manifest);
    logger.info(`Pushed ${image}@${digest}`);
    return { image, digest };
  }

  /** A client for the target's repository, with this config's credentials and retries. */
  clientFor(target: Pick<ImageTarget, 'registry' | 'repository'>, context: PushContext): RegistryClient {
    const retry = { policy: this.config.retry, logger: context.logger, signal: context.signal };
    const baseUrl = registryBaseUrl(target.registry, this.config.insecureRegistries);
    const credentials = this.config.credentials[target.registry];
    const auth = new RegistryAuthenticator(target.registry, credentials, retry, baseUrl.startsWith('http:'));
    return new RegistryClient(baseUrl, target.repository, auth, retry);
  }

  private async ensureBlob(client: RegistryClient, blob: ContentBlob, logger: DriverLogger): Promise<void> {
    if (await client.hasBlob(blob.digest)) {
      logger.info(`Blob ${blob.digest} already in the registry, skipped`);
      return;
    }
    await client.uploadBlob(blob);
    logger.info(`Uploaded blob ${blob.digest} (${blob.size} bytes)`);
  }
}
