import { gzipSync } from 'node:zlib';
import { collectLayerEntries } from './collect-layer-entries';
import { contentBlob, descriptorOf, sha256Digest, type ContentBlob } from './content-blob';
import { MediaTypes } from './media-types';
import { createTarArchive } from './tar-archive';

export interface ImageSource {
  /** The working tree to package (its `.git` is left out). */
  path: string;
  /** The commit the working tree is at; recorded as the image's revision. */
  commit: string;
  /** Where the files go in the image, without leading `/` (default `app`); also the working dir. */
  workdir?: string;
}

/** A built image: everything to push, and the manifest's digest that names it. */
export interface BuiltImage {
  layer: ContentBlob;
  /** sha256 of the uncompressed layer tar: the config's `rootfs.diff_ids` entry. */
  diffId: string;
  config: ContentBlob;
  manifest: ContentBlob;
}

/** Fixed creation time: the same commit gives the same digests on every build (on one architecture). */
const EPOCH = '1970-01-01T00:00:00Z';

/** Builds a one-layer OCI image of a working tree: deterministic tar+gzip layer, config and manifest. */
export async function buildImage(source: ImageSource): Promise<BuiltImage> {
  const workdir = (source.workdir ?? 'app').replace(/^\/+|\/+$/g, '');
  const tar = createTarArchive(await collectLayerEntries(source.path, workdir));
  const diffId = sha256Digest(tar);
  const layer = contentBlob(MediaTypes.layerGzip, gzipSync(tar, { level: 9 }));
  const labels = { 'org.opencontainers.image.revision': source.commit };

  const config = contentBlob(
    MediaTypes.config,
    json({
      created: EPOCH,
      architecture: goArchitecture(process.arch),
      os: 'linux',
      config: { WorkingDir: `/${workdir}`, Labels: labels },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created: EPOCH, created_by: `conveyor image-pusher: source at ${source.commit}` }],
    }),
  );
  const manifest = contentBlob(
    MediaTypes.manifest,
    json({
      schemaVersion: 2,
      mediaType: MediaTypes.manifest,
      config: descriptorOf(config),
      layers: [descriptorOf(layer)],
      annotations: labels,
    }),
  );
  return { layer, diffId, config, manifest };
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/** OCI uses Go's GOARCH names. */
function goArchitecture(arch: string): string {
  return ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
}
