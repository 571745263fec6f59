import { createHash } from 'node:crypto';

/** Bytes addressed by their sha256 digest, as the registry stores them. */
export interface ContentBlob {
  mediaType: string;
  digest: string;
  size: number;
  data: Buffer;
}

export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function contentBlob(mediaType: string, data: Buffer): ContentBlob {
  return { mediaType, digest: sha256Digest(data), size: data.length, data };
}

/** The descriptor a manifest uses to point at a blob. */
export function descriptorOf(blob: ContentBlob): { mediaType: string; digest: string; size: number } {
  return { mediaType: blob.mediaType, digest: blob.digest, size: blob.size };
}
