import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpError } from '../http-error';
import type { Route } from '../request-context';

/** The page's files, shipped as they are (no build step), with their content types. */
const FILES: Record<string, string> = {
  'dashboard.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/** `ui/` at the package root: the same two levels up from `src/http/routes` and `dist/http/routes`. */
const UI_DIR = join(__dirname, '..', '..', '..', 'ui');

/** `GET /ui`: the run dashboard, a page that reads only the API on the same port. */
export function uiRoutes(): Route[] {
  const serve = async (file: string, res: Parameters<Route['handle']>[0]['res']) => {
    const type = FILES[file];
    if (!type) throw new HttpError(404, `Cannot GET /ui/${file}`, 'text');
    const body = await readFile(join(UI_DIR, file));
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-cache' });
    res.end(body);
  };
  return [
    { method: 'GET', path: '/ui', handle: (ctx) => serve('dashboard.html', ctx.res) },
    { method: 'GET', path: '/ui/:file', handle: (ctx) => serve(ctx.params.file, ctx.res) },
  ];
}
