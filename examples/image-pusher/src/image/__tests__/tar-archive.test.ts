import { execFileSync } from 'node:child_process';
import { createTarArchive, type TarEntry } from '../..';

const entries: TarEntry[] = [
  { type: 'directory', path: 'app', mode: 0o755 },
  { type: 'file', path: 'app/run.sh', mode: 0o755, content: Buffer.from('#!/bin/sh\n') },
  {
    type: 'file',
    path: `app/${'x'.repeat(120)}/${'y'.repeat(120)}.txt`,
    mode: 0o644,
    content: Buffer.from('long'),
  },
  { type: 'file', path: 'app/été.txt', mode: 0o644, content: Buffer.alloc(513, 'a') },
  { type: 'symlink', path: 'app/link', target: 'run.sh' },
];

/** GNU tar's verbose listing: an independent reader of what we wrote. */
const list = (archive: Buffer) =>
  execFileSync('tar', ['-tvf', '-', '--numeric-owner'], { input: archive, encoding: 'utf8' });

describe('createTarArchive', () => {
  it('writes an archive GNU tar reads back: modes, owners, long and non-ASCII names, symlinks', () => {
    const lines = list(createTarArchive(entries)).trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^drwxr-xr-x 0\/0 +0 1970-01-01 00:00 app\/$/);
    expect(lines[1]).toMatch(/^-rwxr-xr-x 0\/0 +10 .* app\/run\.sh$/);
    expect(lines[2]).toMatch(
      new RegExp(`^-rw-r--r-- 0/0 +4 .* app/${'x'.repeat(120)}/${'y'.repeat(120)}\\.txt$`),
    );
    expect(lines[3]).toMatch(/ 513 .* app\/été\.txt$/);
    expect(lines[4]).toMatch(/^lrwxrwxrwx 0\/0 +0 .* app\/link -> run\.sh$/);
  });

  it('is byte-for-byte deterministic, and block-aligned with an end marker', () => {
    const archive = createTarArchive(entries);
    expect(archive.equals(createTarArchive(entries))).toBe(true);
    expect(archive.length % 512).toBe(0);
    expect(archive.subarray(-1024).every((b) => b === 0)).toBe(true);
  });
});
