import { ControlPlane } from '@conveyor-ts/control-plane';
import { RegistryProcess } from '../../../image-pusher/src/testing';
import type { DemoConsole } from './demo-console';
import type { Teardown } from './teardown';

export interface DemoServices {
  plane: ControlPlane;
  /** `host:port` of the registry the image goes to. */
  registry: string;
}

/**
 * Starts the local control plane (with its own nats-server on a free port) and a registry on a free
 * port, side by side; each one's stop is registered as soon as it is up, even if the other fails.
 * With `existingRegistry`, that registry is used and none is started.
 */
export async function startDemoServices(
  out: DemoConsole,
  teardown: Teardown,
  existingRegistry?: string,
): Promise<DemoServices> {
  const [plane, registry] = await Promise.allSettled([
    out.step(
      'control plane started',
      () => ControlPlane.start({ port: 0, natsPort: 0 }),
      (p) => `API ${p.apiUrl}, NATS ${p.natsUrl}`,
    ),
    existingRegistry
      ? Promise.resolve(undefined)
      : out.step(
          'registry started',
          () => RegistryProcess.start(),
          (r) => `${r.host} (${r.binary.version})`,
        ),
  ]);
  if (plane.status === 'fulfilled') teardown.add('the control plane', () => plane.value.stop());
  if (registry.status === 'fulfilled' && registry.value) {
    const started = registry.value;
    teardown.add('the registry', () => started.stop());
  }
  if (plane.status === 'rejected') throw plane.reason;
  if (registry.status === 'rejected') throw registry.reason;
  return { plane: plane.value, registry: existingRegistry ?? registry.value!.host };
}
