import { createTestingDriver } from '@conveyor-ts/decorators/testing';
import { ImagePushRefusedError, ImagePusher, ImagePusherService, RegistryError } from '..';

describe('ImagePusher driver', () => {
  const setup = (push: jest.Mock) =>
    createTestingDriver(ImagePusher, { providers: [{ provide: ImagePusherService, useValue: { push } }] });
  const spec = { image: { registry: 'registry.example.com', repository: 'team/app', tag: 'v1' } };

  it('is the image-pusher step for app-build resources', () => {
    expect(setup(jest.fn()).definition).toMatchObject({ name: 'image-pusher', resources: ['app-build'] });
  });

  it('pushes the resource and returns the image reference and manifest digest', async () => {
    const data = { image: 'registry.example.com/team/app:v1', digest: `sha256:${'b'.repeat(64)}` };
    const push = jest.fn().mockResolvedValue(data);
    const driver = setup(push);
    const metadata = { version: '1', 'driverresults.git-cloner': '{}' };

    const result = await driver.reconcile({ name: 'app', spec, metadata });

    expect(result).toEqual({ success: true, message: `Pushed ${data.image}@${data.digest}`, data });
    expect(push.mock.calls[0][0]).toMatchObject({ name: 'app', spec, metadata });
    expect(push.mock.calls[0][1].logger).toBe(driver.logger);
  });

  it.each([
    ['a refused input', new ImagePushRefusedError('spec.image.tag', 'must be ...')],
    [
      'a registry that keeps failing',
      new RegistryError('HEAD blob sha256:x at r:5000 failed after 6 attempts: ECONNREFUSED'),
    ],
  ])('turns %s into a failure result with the reason, logged', async (_what, error) => {
    const driver = setup(jest.fn().mockRejectedValue(error));
    const result = await driver.reconcile({ spec });
    expect(result).toEqual({ success: false, message: error.message, data: null });
    expect(driver.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: error.message }),
    );
  });

  it('throws unexpected errors so the runtime retries them', async () => {
    const driver = setup(jest.fn().mockRejectedValue(new TypeError('boom')));
    await expect(driver.reconcile({ spec })).rejects.toThrow('boom');
  });
});
