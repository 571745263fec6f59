import { credentialsFromEnvironment } from '../..';

describe('credentialsFromEnvironment', () => {
  it('reads credentials per registry host', () => {
    const env = {
      IMAGE_PUSHER_CREDENTIALS: '{"r.example.com":{"username":"ci","password":"p"},"ghcr.io":{"token":"t"}}',
    };
    expect(credentialsFromEnvironment(env)).toEqual({
      'r.example.com': { username: 'ci', password: 'p' },
      'ghcr.io': { token: 't' },
    });
    expect(credentialsFromEnvironment({})).toEqual({});
  });

  it('says what is wrong without quoting the secret', () => {
    const bad = (value: string) => () => credentialsFromEnvironment({ IMAGE_PUSHER_CREDENTIALS: value });
    expect(bad('{"password": "hunter2"')).toThrow(
      'IMAGE_PUSHER_CREDENTIALS is not valid JSON (value not shown: it holds secrets)',
    );
    expect(bad('["x"]')).toThrow('must be a JSON object keyed by registry host');
    expect(bad('{"r.example.com":{"username":"ci"}}')).toThrow(
      'IMAGE_PUSHER_CREDENTIALS["r.example.com"] must be',
    );
    try {
      bad('{"r":{"password":"hunter2"}}')();
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});
