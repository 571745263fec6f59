import { createTestingDriver } from '@conveyor-ts/decorators/testing';
import { CloneFailedError, CloneRefusedError, GitCloner, GitClonerService } from '..';

describe('GitCloner driver', () => {
  const setup = (clone: jest.Mock) =>
    createTestingDriver(GitCloner, { providers: [{ provide: GitClonerService, useValue: { clone } }] });
  const spec = { repository: 'https://example.com/org/app.git', ref: 'main' };

  it('is the git-cloner step for app-build resources', () => {
    expect(setup(jest.fn()).definition).toMatchObject({ name: 'git-cloner', resources: ['app-build'] });
  });

  it("clones into the run's workspace and returns commit, ref and path as result data", async () => {
    const data = { commit: 'a'.repeat(40), ref: 'main', path: '/w/run-1/app' };
    const clone = jest.fn().mockResolvedValue(data);
    const driver = setup(clone);

    const result = await driver.reconcile({ name: 'app', spec }, { runId: 'run-1' });

    expect(result).toEqual({ success: true, message: `Cloned main at ${'a'.repeat(40)}`, data });
    expect(clone).toHaveBeenCalledWith(
      spec,
      expect.objectContaining({ runId: 'run-1', resourceName: 'app' }),
    );
    const context = clone.mock.calls[0][1];
    expect(context.logger).toBe(driver.logger);
    expect(context.signal).toBeInstanceOf(AbortSignal);
  });

  it.each([
    ['a refused input', new CloneRefusedError('spec.repository', '"ext::" is not allowed')],
    [
      'a failed clone',
      new CloneFailedError('git clone failed (exit code 128)', "fatal: repository 'x' not found"),
    ],
  ])('turns %s into a failure result with the reason, logged', async (_what, error) => {
    const driver = setup(jest.fn().mockRejectedValue(error));
    const result = await driver.reconcile({ spec });
    expect(result).toEqual({ success: false, message: error.message, data: null });
    expect(driver.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: error.message }),
    );
  });

  it('builds its service from configuration when no provider replaces it', () => {
    const driver = createTestingDriver(GitCloner);
    expect((driver.instance as unknown as { cloner: unknown }).cloner).toBeInstanceOf(GitClonerService);
  });

  it('throws unexpected errors so the runtime retries them', async () => {
    const driver = setup(jest.fn().mockRejectedValue(new Error('ENOSPC: no space left on device')));
    await expect(driver.reconcile({ spec })).rejects.toThrow('ENOSPC');
  });
});
