import type { TarEntry } from './tar-entry';

const BLOCK = 512;
const TYPE_FLAG = { file: '0', symlink: '2', directory: '5', pax: 'x' } as const;

/**
 * A POSIX (ustar + pax) tar archive of `entries`, in the order given. Every header carries the same
 * owner (0:0, no names) and modification time, so equal entries always give equal bytes: the layer
 * digest depends only on the files. Long or non-ASCII names get a pax `path`/`linkpath` record.
 */
export function createTarArchive(entries: readonly TarEntry[], mtimeSeconds = 0): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
    const target = entry.type === 'symlink' ? entry.target : '';
    const pax = paxRecords({
      path: needsPax(name, 100) ? name : undefined,
      linkpath: needsPax(target, 100) ? target : undefined,
    });
    if (pax.length > 0) {
      blocks.push(
        header({ name: 'PaxHeader', type: TYPE_FLAG.pax, size: pax.length, mode: 0o644, mtimeSeconds }),
        pad(pax),
      );
    }
    const content = entry.type === 'file' ? entry.content : Buffer.alloc(0);
    const mode = entry.type === 'symlink' ? 0o777 : entry.mode;
    blocks.push(
      header({
        name,
        type: TYPE_FLAG[entry.type],
        size: content.length,
        mode,
        mtimeSeconds,
        linkname: target,
      }),
    );
    if (content.length > 0) blocks.push(pad(content));
  }
  blocks.push(Buffer.alloc(2 * BLOCK)); // end-of-archive marker
  return Buffer.concat(blocks);
}

function needsPax(value: string, limit: number): boolean {
  return Buffer.byteLength(value) > limit || /[^\x20-\x7e]/.test(value);
}

/** pax records: "<length> <key>=<value>\n", where the length counts the whole record itself. */
function paxRecords(values: Record<string, string | undefined>): Buffer {
  const records = Object.entries(values)
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([key, value]) => {
      const body = ` ${key}=${value}\n`;
      let length = Buffer.byteLength(body) + 1;
      while (String(length).length + Buffer.byteLength(body) !== length) length += 1;
      return `${length}${body}`;
    });
  return Buffer.from(records.join(''));
}

interface HeaderFields {
  name: string;
  type: string;
  size: number;
  mode: number;
  mtimeSeconds: number;
  linkname?: string;
}

function header(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  const [prefix, name] = splitName(fields.name);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, fields.mode);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, fields.size);
  octal(block, 136, 12, fields.mtimeSeconds);
  block.fill(' ', 148, 156); // checksum is computed with its own field as spaces
  block.write(fields.type, 156, 1, 'ascii');
  block.write(truncate(fields.linkname ?? '', 100), 157, 100, 'utf8');
  block.write('ustar\x0000', 257, 8, 'ascii');
  octal(block, 329, 8, 0); // devmajor
  octal(block, 337, 8, 0); // devminor
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

/** ustar keeps names up to 100 bytes, or 255 split at a `/` into prefix and name; longer ones rely on pax. */
function splitName(name: string): [string, string] {
  if (Buffer.byteLength(name) <= 100) return ['', name];
  for (let i = name.indexOf('/'); i !== -1; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '')
      return [prefix, rest];
  }
  return ['', truncate(name, 100)];
}

function truncate(value: string, bytes: number): string {
  let out = value;
  while (Buffer.byteLength(out) > bytes) out = out.slice(0, -1);
  return out;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

function pad(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}
