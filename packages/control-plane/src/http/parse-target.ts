import { HttpError } from './http-error';

/** A target `new URL` refuses (`//`, `http://[`) is the client's mistake: 400, as Fiber answers it. */
export function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'Bad Request', 'text');
  }
}
