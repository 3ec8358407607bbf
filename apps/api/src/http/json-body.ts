import { FastifyInstance, FastifyRequest } from 'fastify';
import { INGEST_ROUTE, NDJSON } from './content-types';

/** No request body of the API nests deeper than this; free-form JSON objects included. */
export const MAX_JSON_DEPTH = 32;

/** Errors Fastify's body parsing reports: the problem filter keeps their status and code. */
class BodyRefused extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const tooDeep = (): BodyRefused =>
  new BodyRefused(
    400,
    'REQUEST.BODY_TOO_DEEP',
    `The body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
  );

/**
 * Whether JSON text opens more than `limit` arrays/objects inside each other, in one pass over the characters
 * (brackets inside strings do not count). Runs before JSON.parse, whose recursion and the recursive
 * transformation and validation after it cost seconds of CPU on a body of nested brackets, or overflow the stack.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * The API reads JSON only (and NDJSON on the bulk ingestion routes): no form or plain-text parser, so a
 * cross-site HTML form cannot reach a write, and every JSON body is checked for depth before it is parsed.
 */
export function registerBodyParsers(fastify: FastifyInstance, ingestBodyLimitBytes: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) return done(tooDeep(), undefined);
    parseJson(request, body as string, done);
  });
  fastify.addContentTypeParser(
    NDJSON,
    { parseAs: 'string', bodyLimit: ingestBodyLimitBytes },
    (request, body, done) => {
      if (!isIngestRoute(request))
        return done(
          new BodyRefused(
            415,
            'FST_ERR_CTP_INVALID_MEDIA_TYPE',
            `${NDJSON} is accepted by the bulk ingestion routes only`,
          ),
          undefined,
        );
      if (nestsDeeperThan(body as string, MAX_JSON_DEPTH)) return done(tooDeep(), undefined);
      done(null, body);
    },
  );
}

function isIngestRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { bodyLimit?: string } | undefined)?.bodyLimit === INGEST_ROUTE.bodyLimit;
}
