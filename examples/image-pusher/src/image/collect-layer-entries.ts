import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { TarEntry } from './tar-entry';

/**
 * The files of a working tree as layer entries under `prefix`: `.git` left out, entries sorted by
 * path, files 0644 or 0755 (git tracks only the executable bit), folders 0755, symlinks kept as
 * links. Other kinds of file (sockets, fifos) cannot come from git and are skipped.
 */
export async function collectLayerEntries(root: string, prefix: string): Promise<TarEntry[]> {
  const entries: TarEntry[] = prefixFolders(prefix);
  await walk(root, prefix, entries);
  return entries;
}

function prefixFolders(prefix: string): TarEntry[] {
  const parts = prefix.split('/').filter(Boolean);
  return parts.map((_, i) => ({ type: 'directory', path: parts.slice(0, i + 1).join('/'), mode: 0o755 }));
}

async function walk(dir: string, archiveDir: string, out: TarEntry[]): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name !== '.git');
  names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const source = join(dir, name);
    const path = archiveDir ? `${archiveDir}/${name}` : name;
    const stats = await lstat(source);
    if (stats.isSymbolicLink()) {
      out.push({ type: 'symlink', path, target: await readlink(source) });
    } else if (stats.isDirectory()) {
      out.push({ type: 'directory', path, mode: 0o755 });
      await walk(source, path, out);
    } else if (stats.isFile()) {
      out.push({
        type: 'file',
        path,
        mode: stats.mode & 0o111 ? 0o755 : 0o644,
        content: await readFile(source),
      });
    }
  }
}
