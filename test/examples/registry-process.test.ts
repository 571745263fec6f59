import { existsSync } from 'node:fs';
import { RegistryProcess } from '../../examples/image-pusher/src/testing';

describe("RegistryProcess (the examples' test registry)", () => {
  it('serves the Distribution API on loopback, survives halt/launch and leaves nothing behind', async () => {
    const registry = await RegistryProcess.start();
    try {
      const api = await fetch(`${registry.url}/v2/`);
      expect(api.status).toBe(200);
      expect(api.headers.get('docker-distribution-api-version')).toBe('registry/2.0');

      await registry.halt();
      expect(registry.running).toBe(false);
      await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();

      await registry.launch();
      expect((await fetch(`${registry.url}/v2/_catalog`)).status).toBe(200);
    } finally {
      await registry.stop();
    }
    expect(registry.running).toBe(false);
    expect(existsSync(registry.dir)).toBe(false);
  });
});
