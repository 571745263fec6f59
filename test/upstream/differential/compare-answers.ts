import type { ScriptedCall } from './api-sequence';

/** What a server answered to one scripted call, with everything that varies per run normalised. */
export interface RecordedAnswer {
  status: number;
  contentType: string | null;
  /** CORS headers, compared as the server sends them. */
  cors: { origin: string | null; methods: string | null };
  body: unknown;
}

/** Sends one scripted call and records the answer. */
export async function sendScripted(
  baseUrl: string,
  call: ScriptedCall,
  headers: Record<string, string> = {},
): Promise<RecordedAnswer> {
  const raw =
    typeof call.body === 'string' || call.body === undefined ? call.body : JSON.stringify(call.body);
  const response = await fetch(baseUrl + call.path, {
    method: call.method,
    body: raw,
    headers: {
      ...headers,
      ...(raw === undefined ? {} : { 'content-type': call.contentType ?? 'application/json' }),
      ...(call.method === 'OPTIONS'
        ? { origin: 'http://elsewhere.example', 'access-control-request-method': 'POST' }
        : {}),
    },
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  let body: unknown = text;
  if (contentType?.includes('json')) body = parseJson(text);
  if (call.project) body = call.project(body);
  return {
    status: response.status,
    contentType,
    cors: {
      origin: response.headers.get('access-control-allow-origin'),
      methods: response.headers.get('access-control-allow-methods'),
    },
    body: normalise(body),
  };
}

/**
 * Parses JSON; the recipe's swaggo stand-in serves swag's template with its `{{ … }}` actions unfilled
 * (upstream's real swag fills them), so those read as null.
 */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/"?\{\{[^}]*\}\}"?/g, 'null'));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX_ID = /^[0-9a-f]{24}$/;

/** Ids and times differ on every run: replace them by what they are. */
export function normalise(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, k)]));
  }
  if (typeof value === 'string' && UUID.test(value)) return '<uuid>';
  if (typeof value === 'string' && HEX_ID.test(value)) return '<hex-id>';
  if (key === 'time' && typeof value === 'number') return '<unix-seconds>';
  return value;
}

/** Every field of the two answers that differs, as `path: upstream ≠ local`. */
export function differences(upstream: RecordedAnswer, local: RecordedAnswer): string[] {
  const found: string[] = [];
  diff(upstream, local, '', found);
  return found;
}

function diff(a: unknown, b: unknown, path: string, found: string[]): void {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (Array.isArray(a) !== Array.isArray(b)) {
      found.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
      return;
    }
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, found);
    return;
  }
  if (a !== b) found.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
}
