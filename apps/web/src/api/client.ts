import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiProblem, toApiProblem } from './problem';

/**
 * The one way the console talks to the API: the client generated from the served OpenAPI document, with the
 * session kept in HttpOnly cookies. A 401 refreshes the session once and replays the request; a second 401 means
 * the session is over. Every failed answer becomes an ApiProblem carrying the problem+json the API sent.
 */
export const CSRF_COOKIE = 'ambidex_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let onSessionEnded: () => void = () => undefined;
export function whenSessionEnds(callback: () => void): void {
  onSessionEnded = callback;
}

function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function withCsrf(request: Request): Request {
  const token = cookie(CSRF_COOKIE);
  if (UNSAFE.has(request.method) && token !== undefined) request.headers.set(CSRF_HEADER, token);
  return request;
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time: concurrent 401s wait for the same one. */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...csrfHeaders() },
    body: '{}',
  })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function csrfHeaders(): Record<string, string> {
  const token = cookie(CSRF_COOKIE);
  return token === undefined ? {} : { [CSRF_HEADER]: token };
}

const NO_REFRESH = ['/api/auth/login', '/api/auth/refresh'];

/** A copy of each request as sent, so it can be replayed after a refresh (the sent one's body is spent). */
const replays = new WeakMap<Request, Request>();

const session: Middleware = {
  onRequest({ request }) {
    const sent = withCsrf(request);
    replays.set(sent, sent.clone());
    return sent;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || NO_REFRESH.some((p) => new URL(request.url).pathname === p)) return response;
    const replay = replays.get(request);
    if (replay !== undefined && (await refreshSession())) {
      const retried = await fetch(withCsrf(replay));
      if (retried.status !== 401) return retried;
    }
    onSessionEnded();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** Unwraps an openapi-fetch answer: the data, or an ApiProblem thrown for the query cache and the forms. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiProblem(response.status, error);
  return data as T;
}

export { ApiProblem };
