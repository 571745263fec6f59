import { Teardown } from '../teardown';

describe('Teardown', () => {
  it('undoes newest first, goes on past a failure and reports it, and runs each step once', async () => {
    const done: string[] = [];
    const teardown = new Teardown();
    teardown.add('folder', () => done.push('folder'));
    teardown.add('server', async () => {
      throw new Error('port busy');
    });
    teardown.add('drivers', async () => done.push('drivers'));

    expect(await teardown.run()).toEqual(['server: port busy']);
    expect(done).toEqual(['drivers', 'folder']);
    expect(await teardown.run()).toEqual([]);
    expect(done).toEqual(['drivers', 'folder']);
  });
});
