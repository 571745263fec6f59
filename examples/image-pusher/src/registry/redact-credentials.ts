const REDACTED = '[redacted]';

/** What a registry may echo that grants access: auth headers, JWTs, and secret-named fields. */
const CREDENTIAL_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [
    /("(?:token|access_token|refresh_token|id_token|password|secret|authorization)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    `$1"${REDACTED}"`,
  ],
  [/\b((?:token|access_token|password|secret)=)[^&\s"']+/gi, `$1${REDACTED}`],
];

/**
 * Registry text (an error body) as it may be quoted in results and logs: the configured secrets
 * (and their basic-auth form) and anything shaped like a credential replaced by `[redacted]`.
 */
export function redactCredentials(text: string, secrets: readonly string[] = []): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length >= 4) redacted = redacted.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) {
    redacted = redacted.replace(pattern, replacement);
  }
  return redacted;
}
