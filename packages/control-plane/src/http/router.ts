import type { Route, RouteHandler } from './request-context';

export type RouteMatch =
  | { kind: 'found'; handle: RouteHandler; params: Record<string, string>; path: string }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

/**
 * Matches a method and path against the routes. Like Fiber's non-strict routing, a trailing `/` is
 * optional; `:name` segments match one non-empty segment.
 */
export class Router {
  constructor(private readonly routes: readonly Route[]) {}

  match(method: string, path: string): RouteMatch {
    const segments = split(path);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchPath(split(route.path), segments);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handle: route.handle, params, path: route.path };
      pathKnown = true;
    }
    return pathKnown ? { kind: 'wrong-method' } : { kind: 'none' };
  }
}

/** The parameters of `path` under a route pattern, by the routes' rules, or undefined when it does not match. */
export function matchRoutePath(pattern: string, path: string): Record<string, string> | undefined {
  return matchPath(split(pattern), split(path));
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      try {
        params[pattern[i].slice(1)] = decodeURIComponent(segments[i]);
      } catch {
        return undefined;
      }
    } else if (pattern[i] !== segments[i]) {
      return undefined;
    }
  }
  return params;
}
