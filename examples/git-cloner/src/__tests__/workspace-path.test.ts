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

  it('refuses a name the file system cannot hold, its staging folder included, instead of failing later', () => {
    expect(workspacePath('/w', 'run', 'a'.repeat(239))).toBe(`/w/run/${'a'.repeat(239)}`);
    expect(() => workspacePath('/w', 'run', 'a'.repeat(240))).toThrow(
      /^refused resource.name: is 240 bytes long \("a{32}…"\): the file system holds folder names of at most 239 bytes here$/,
    );
    expect(() => workspacePath('/w', 'r'.repeat(256), 'app')).toThrow(/refused runId: is 256 bytes long/);
  });
});
