import { CloneRefusedError, workspacePath } from '..';

describe('workspacePath', () => {
  it('is <root>/<run id>/<resource name>', () => {
    expect(workspacePath('/w', '5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a', 'build-app')).toBe(
      '/w/5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a/build-app',
    );
    expect(workspacePath('/w/../w2/', 'run', 'app.v2')).toBe('/w2/run/app.v2');
  });

  it.each([
    ['..', 'run'],
    ['.', 'run'],
    ['a/b', 'run'],
    ['/etc', 'run'],
    ['.git', 'run'],
    ['-rf', 'run'],
    ['a..b', 'run'],
    ['', 'run'],
    ['app', '../x'],
    ['app', 'a\\b'],
  ])('refuses resource name %j with run id %j', (name, runId) => {
    expect(() => workspacePath('/w', runId, name)).toThrow(CloneRefusedError);
  });
});
