import { IncomingHttpHeaders } from 'node:http';

export const ACCESS_COOKIE = 'ambidex_access';

/** The bearer token, or for browsers (the web pages, the queue dashboard) the access cookie. */
export function credentialFrom(headers: IncomingHttpHeaders): string | null {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  return cookieValue(headers.cookie, ACCESS_COOKIE);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null; // a malformed escape is no credential
    }
  }
  return null;
}
