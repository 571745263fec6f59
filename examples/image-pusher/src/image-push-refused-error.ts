/** The push cannot be attempted: bad spec, or no usable git-cloner result. Retrying cannot help. */
export class ImagePushRefusedError extends Error {
  override readonly name = 'ImagePushRefusedError';

  constructor(
    /** The spec field or metadata key at fault. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`refused ${field}: ${reason}`);
  }
}
