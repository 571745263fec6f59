import { redactCredentials } from '../redact-credentials';

describe('redactCredentials', () => {
  it.each([
    ['an Authorization header echoed back', 'got Bearer abc.DEF-123', 'got Bearer [redacted]'],
    ['basic credentials', 'Authorization: Basic Y2k6cHc=', 'Authorization: Basic [redacted]'],
    ['a JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.sig', 'token [redacted]'],
    [
      'JSON secret fields',
      '{"token":"t1","password":"p\\"w","name":"ok"}',
      '{"token":"[redacted]","password":"[redacted]","name":"ok"}',
    ],
    [
      'query parameters',
      'see /auth?access_token=xyz&scope=pull',
      'see /auth?access_token=[redacted]&scope=pull',
    ],
    ['a configured secret anywhere', 'denied: hunter22 is wrong', 'denied: [redacted] is wrong'],
  ])('removes %s', (_case, text, expected) => {
    expect(redactCredentials(text, ['hunter22'])).toBe(expected);
  });

  it('leaves ordinary registry errors as they are', () => {
    const body = '{"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid"}]}';
    expect(redactCredentials(body, ['x'])).toBe(body);
  });
});
