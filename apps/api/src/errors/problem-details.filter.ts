import { DomainError, refusedValueDetail, RETRYABLE_SQL_STATES, requestContext, sqlStateOf } from '@ambidex/platform';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { Problem, problem, PROBLEM_CONTENT_TYPE, STATUS_OF_KIND } from './problem';

/** The one place errors become HTTP: domain errors by kind, framework errors by status, the rest a 500 with an id. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toProblem(error, this.logger);
    body.instance = request.url;
    body.requestId = String(request.id);
    const retryAfter = retryAfterSecondsOf(error);
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

/** Also used by Fastify's own error and not-found handlers, so every error body has one shape. */
export function toProblem(error: unknown, logger: Logger): Problem {
  if (error instanceof DomainError) {
    return problem(
      STATUS_OF_KIND[error.kind],
      error.code,
      error.message,
      error.fields.length ? { errors: error.fields } : {},
    );
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) return problem(status, `HTTP.${status}`, error.message);
  }
  // Contention that escaped the transaction runner's retries (or a query outside it): the client may simply retry.
  if (RETRYABLE_SQL_STATES.has(sqlStateOf(error))) {
    return problem(503, 'DATABASE.CONTENTION', 'Too many concurrent changes to the same records; retry shortly');
  }
  // A value the database refuses (out of range, malformed, NUL character) is the caller's input, not our fault.
  // The client gets our words for it; PostgreSQL's (redacted by the log serializer) go to the log.
  const sqlState = (error as { driverError?: { code?: string } }).driverError?.code ?? '';
  if (sqlState.startsWith('22')) {
    logger.warn({ err: error, requestId: requestContext.requestId() }, 'database refused a value');
    return problem(422, 'REQUEST.VALUE_REFUSED', refusedValueDetail(sqlState));
  }
  const fastifyStatus = (error as { statusCode?: number }).statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const code = (error as { code?: string }).code ?? `HTTP.${fastifyStatus}`;
    return problem(fastifyStatus, code, (error as Error).message);
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId, requestId: requestContext.requestId() }, 'unhandled error');
  return problem(500, 'INTERNAL', 'Something went wrong on our side; quote the error id when reporting it', {
    errorId,
  });
}

/** Rate limits and contention say when to come back; a bare serialization failure or deadlock gets one second. */
function retryAfterSecondsOf(error: unknown): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (error instanceof DomainError && typeof seconds === 'number') return seconds;
  return RETRYABLE_SQL_STATES.has(sqlStateOf(error)) ? 1 : undefined;
}
