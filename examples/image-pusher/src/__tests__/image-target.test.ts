import { formatImageReference, ImagePushRefusedError, parseImageTarget, registryBaseUrl } from '..';

const commit = 'c'.repeat(40);

describe('parseImageTarget', () => {
  it('reads spec.image, the tag defaulting to the commit', () => {
    const target = parseImageTarget(
      { image: { registry: 'localhost:5000', repository: 'team/app' } },
      commit,
    );
    expect(target).toEqual({ registry: 'localhost:5000', repository: 'team/app', tag: commit });
    expect(formatImageReference({ ...target, tag: 'v1' })).toBe('localhost:5000/team/app:v1');
  });

  it.each([
    [{}, 'spec.image'],
    [{ image: { registry: 'r', repository: 'a', tag: 'x'.repeat(129) } }, 'spec.image.tag'],
    [{ image: { registry: 'r:5000/path', repository: 'a' } }, 'spec.image.registry'],
    [{ image: { registry: 'r', repository: 'a//b' } }, 'spec.image.repository'],
    [{ image: { registry: 'r', repository: 'a-' } }, 'spec.image.repository'],
  ])('refuses %j naming %s', (spec, field) => {
    expect(() => parseImageTarget(spec, commit)).toThrow(ImagePushRefusedError);
    try {
      parseImageTarget(spec, commit);
    } catch (e) {
      expect((e as ImagePushRefusedError).field).toBe(field);
    }
  });
});

describe('registryBaseUrl', () => {
  it('uses plain HTTP only for configured hosts', () => {
    const insecure = ['localhost', '127.0.0.1', '[::1]', 'ci-registry:5000'];
    expect(registryBaseUrl('127.0.0.1:5000', insecure)).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('[::1]:5000', insecure)).toBe('http://[::1]:5000');
    expect(registryBaseUrl('ci-registry:5000', insecure)).toBe('http://ci-registry:5000');
    expect(registryBaseUrl('ci-registry:6000', insecure)).toBe('https://ci-registry:6000');
    expect(registryBaseUrl('registry.example.com', insecure)).toBe('https://registry.example.com');
  });
});
