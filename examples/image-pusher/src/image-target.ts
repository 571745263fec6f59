import { ImagePushRefusedError } from './image-push-refused-error';

/** `spec.image`: where image-pusher pushes (next to git-cloner's `spec.repository`, `ref`, `depth`). */
export interface ImageTargetSpec {
  /** Registry host, `host[:port]`, no scheme (e.g. `registry.example.com`, `127.0.0.1:5000`). */
  registry: string;
  /** Repository path in the registry (e.g. `team/app`). */
  repository: string;
  /** Tag to push; the commit SHA when omitted. */
  tag?: string;
}

export interface ImageTarget {
  registry: string;
  repository: string;
  tag: string;
}

// Distribution's reference grammar (distribution/reference), host part restricted to name[:port].
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Validates `spec.image`, or throws `ImagePushRefusedError` naming the field. */
export function parseImageTarget(spec: unknown, commit: string): ImageTarget {
  const image = isObject(spec) ? spec.image : undefined;
  if (!isObject(image)) {
    throw new ImagePushRefusedError(
      'spec.image',
      'must be an object with "registry" and "repository" fields',
    );
  }
  const { registry, repository, tag } = image;
  if (typeof registry !== 'string' || !HOST.test(registry)) {
    throw new ImagePushRefusedError(
      'spec.image.registry',
      `must be a registry host such as "registry.example.com:5000" (no scheme, no path), got ${JSON.stringify(registry)}`,
    );
  }
  if (
    typeof repository !== 'string' ||
    repository.length > 255 ||
    !repository.split('/').every((c) => PATH_COMPONENT.test(c))
  ) {
    throw new ImagePushRefusedError(
      'spec.image.repository',
      `must be lowercase path components such as "team/app", got ${JSON.stringify(repository)}`,
    );
  }
  if (tag !== undefined && tag !== null && (typeof tag !== 'string' || !TAG.test(tag))) {
    throw new ImagePushRefusedError(
      'spec.image.tag',
      `must be 1-128 of letters, digits, _ . - (not starting with . or -), got ${JSON.stringify(tag)}`,
    );
  }
  return { registry, repository, tag: (tag as string | undefined | null) ?? commit };
}

/** `registry/repository:tag` */
export function formatImageReference(target: ImageTarget): string {
  return `${target.registry}/${target.repository}:${target.tag}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
