import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingLogger } from '@conveyor-ts/core/testing';
import { ImagePusherService, MediaTypes, sha256Digest } from '../../../examples/image-pusher/src';
import type { TestRepository } from '../../../examples/git-cloner/src/testing';

export interface PushedImage {
  /** The manifest's digest, computed from the bytes the registry served. */
  digest: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  manifest: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  config: any;
  /** The (only) layer's compressed bytes. */
  layer: Buffer;
}

/**
 * Fetches an image back from a registry: the manifest under `reference`, then its config and layer
 * blobs, each checked against the digest and size the manifest gives for it.
 */
export async function fetchPushedImage(
  target: { registry: string; repository: string },
  reference: string,
): Promise<PushedImage> {
  const client = new ImagePusherService().clientFor(target, { logger: new RecordingLogger() });
  const manifestBytes = await client.get('manifests', reference, MediaTypes.manifest);
  const manifest = JSON.parse(manifestBytes.toString());
  const blob = async (descriptor: { digest: string; size: number }): Promise<Buffer> => {
    const bytes = await client.get('blobs', descriptor.digest);
    expect([sha256Digest(bytes), bytes.length]).toEqual([descriptor.digest, descriptor.size]);
    return bytes;
  };
  const config = JSON.parse((await blob(manifest.config)).toString());
  expect(manifest.layers).toHaveLength(1);
  const layer = await blob(manifest.layers[0]);
  return { digest: sha256Digest(manifestBytes), manifest, config, layer };
}

/** Extracts the layer with the system's tar and compares it, file by file, with `git` at the commit. */
export function expectLayerMatchesCommit(layer: Buffer, repo: TestRepository, commit: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-layer-'));
  try {
    writeFileSync(join(dir, 'layer.tar.gz'), layer);
    execFileSync('tar', ['-xzf', 'layer.tar.gz', '--no-same-owner'], { cwd: dir });
    const listed = execFileSync('tar', ['-tzvf', 'layer.tar.gz'], { cwd: dir, encoding: 'utf8' });
    expect(listed).not.toMatch(/\.git\//);

    const tree = repo.git('ls-tree', '-r', '-z', commit).split('\0').filter(Boolean);
    const inLayer = execFileSync('find', ['app', '-not', '-type', 'd'], { cwd: dir, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((p) => p.slice('app/'.length))
      .sort();
    expect(inLayer).toEqual(tree.map((line) => line.split('\t')[1]).sort());

    for (const line of tree) {
      const [info, path] = line.split('\t');
      const [mode, , object] = info.split(' ');
      const extracted = join(dir, 'app', path);
      const expected = execFileSync('git', ['-C', repo.path, 'cat-file', 'blob', object]);
      if (mode === '120000') {
        expect(lstatSync(extracted).isSymbolicLink()).toBe(true);
        expect(readlinkSync(extracted)).toBe(expected.toString());
      } else {
        expect(readFileSync(extracted)).toEqual(expected);
        expect((statSync(extracted).mode & 0o111) !== 0).toBe(mode === '100755');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
