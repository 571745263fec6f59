import { parseAuthChallenge } from '../auth-challenge';

describe('parseAuthChallenge', () => {
  it('reads bearer challenges with quoted parameters', () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.example.com/token',
        service: 'registry.example.com',
        scope: 'repository:a/b:pull,push',
      },
    });
  });

  it('reads basic challenges and escaped quotes', () => {
    expect(parseAuthChallenge('Basic realm="Registry \\"x\\""')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry "x"' },
    });
  });

  it('ignores what it cannot answer', () => {
    expect(parseAuthChallenge(null)).toBeUndefined();
    expect(parseAuthChallenge('Negotiate abc')).toBeUndefined();
  });
});
