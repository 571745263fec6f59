import { GitCloner } from '../../git-cloner/src';
import { ImagePusher } from '../../image-pusher/src';

/** The pipeline's drivers by runtime name, so a process can run all of them or a chosen few. */
export const APP_BUILD_DRIVERS = {
  'git-cloner': GitCloner,
  'image-pusher': ImagePusher,
} as const;

export type AppBuildDriverName = keyof typeof APP_BUILD_DRIVERS;

/** The driver classes named in `names` (all when empty); throws naming an unknown one. */
export function selectDrivers(
  names: readonly string[],
): Array<(typeof APP_BUILD_DRIVERS)[AppBuildDriverName]> {
  const known = Object.keys(APP_BUILD_DRIVERS);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown driver(s) ${unknown.join(', ')}; choose from ${known.join(', ')}`);
  const chosen = names.length > 0 ? names : known;
  return chosen.map((n) => APP_BUILD_DRIVERS[n as AppBuildDriverName]);
}
