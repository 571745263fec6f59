import type { DriverClass } from '../metadata/class-metadata';
import { metadataRegistry } from '../metadata/metadata-registry';
import type { DriverProblem } from '../errors/driver-validation-error';
import type { DriverDescriptor } from './driver-descriptor';
import { exploreDriver } from './explore-driver';

export interface ExploredDrivers {
  descriptors: DriverDescriptor[];
  problems: DriverProblem[];
}

/**
 * Explores the given driver classes, or every `@Driver()` class imported so far, and adds the
 * problems that span drivers: none at all, and two drivers with one name.
 */
export function exploreDrivers(classes?: readonly DriverClass[]): ExploredDrivers {
  const targets = [...new Set(classes ?? metadataRegistry.discoveredDrivers())];
  if (targets.length === 0)
    return { descriptors: [], problems: [{ driver: 'application', problem: noDrivers(classes) }] };

  const descriptors: DriverDescriptor[] = [];
  const problems: DriverProblem[] = [];
  for (const target of targets) {
    const explored = exploreDriver(target);
    problems.push(
      ...explored.problems.map((problem) => ({ driver: target?.name ?? String(target), problem })),
    );
    if (explored.descriptor) descriptors.push(explored.descriptor);
  }
  problems.push(...duplicateNames(descriptors));
  return { descriptors, problems };
}

function noDrivers(classes?: readonly DriverClass[]): string {
  if (classes)
    return 'the `drivers` list is empty: pass the driver classes to run, e.g. { drivers: [GitCloner] }.';
  return (
    'no @Driver() class was found. Discovery only sees classes whose files were imported (executed) before ' +
    'the application is created; a file imported only with `import type`, or whose imports were all elided because ' +
    "only types were used, never runs. Import the driver files (`import './git-cloner.driver';`) or list them: " +
    '{ drivers: [GitCloner] }.'
  );
}

function duplicateNames(descriptors: DriverDescriptor[]): DriverProblem[] {
  const byName = new Map<string, string[]>();
  for (const d of descriptors)
    byName.set(d.options.name, [...(byName.get(d.options.name) ?? []), d.target.name]);
  return [...byName]
    .filter(([, owners]) => owners.length > 1)
    .map(([name, owners]) => ({
      driver: owners.join(', '),
      problem: `${owners.length} drivers are named "${name}": driver names must be unique (each owns one JetStream consumer).`,
    }));
}
