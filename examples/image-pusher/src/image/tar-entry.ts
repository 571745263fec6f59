/** One entry of a layer archive; paths are relative, `/`-separated, without a leading `./`. */
export type TarEntry =
  | { type: 'file'; path: string; mode: number; content: Buffer }
  | { type: 'directory'; path: string; mode: number }
  | { type: 'symlink'; path: string; target: string };
