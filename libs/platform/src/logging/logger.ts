import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';
import { serializeError } from './log-redaction';
import { requestContext } from './request-context';

/** Marks the per-request child loggers Fastify makes: their bindings already carry the request id. */
const BOUND_TO_REQUEST = Symbol('boundToRequest');

export const REQUEST_ID_LOG_KEY = 'requestId';

/**
 * Every line is one JSON object; a line written while serving a request carries its id under `requestId`, whether
 * it comes from Fastify's request logger (bindings) or from anywhere else (the request context).
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'>,
  name = 'ambidex',
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    name,
    level: config.logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
    mixin: (_merge, _level, logger) => {
      if ((logger as unknown as Record<symbol, unknown>)[BOUND_TO_REQUEST] === true) return {};
      const requestId = requestContext.requestId();
      return requestId === null ? {} : { [REQUEST_ID_LOG_KEY]: requestId };
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

interface ChildMaker<L> {
  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): L;
}

/** Fastify's childLoggerFactory: its request loggers, marked so the request id is not written twice. */
export function requestLoggerFactory<L extends ChildMaker<L>>(
  logger: L,
  bindings: pino.Bindings,
  options: pino.ChildLoggerOptions,
): L {
  const child = logger.child(bindings, options);
  (child as unknown as Record<symbol, unknown>)[BOUND_TO_REQUEST] = true;
  return child;
}

/** Routes Nest's own log lines (and TypeORM's, through Nest's Logger) into the same structured JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info(...fields(message, { context }));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error(...fields(message, { context, trace }));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn(...fields(message, { context }));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug(...fields(message, { context }));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace(...fields(message, { context }));
  }
}

/** A structured message ({ msg, ...fields }) keeps its fields; anything else becomes the line's text. */
function fields(message: unknown, extra: Record<string, unknown>): [Record<string, unknown>, string] {
  if (message instanceof Error) return [{ ...extra, err: message }, message.message];
  if (typeof message === 'object' && message !== null) {
    const { msg, ...rest } = message as Record<string, unknown>;
    return [{ ...extra, ...rest }, typeof msg === 'string' ? msg : ''];
  }
  return [extra, String(message)];
}
