import { Logger as NestLogger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';
import { safeDatabaseError } from './log-redaction';

/** What the query logger writes to: a pino logger fits as it is. */
export interface QueryLogSink {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** For LOG_LEVEL=silent: nothing at all, as before (no Nest console lines in tests and scripts). */
export const SILENT_QUERY_LOG: QueryLogSink = { info: () => undefined, warn: () => undefined };

/** Nest's process-wide logger (routed into pino by the apps): the sink until an app hands over its own. */
function nestSink(): QueryLogSink {
  const nest = new NestLogger('TypeORM');
  return {
    info: (fields, message) => nest.log({ msg: message, ...fields }),
    warn: (fields, message) => nest.warn({ msg: message, ...fields }),
  };
}

/**
 * TypeORM's log lines as structured JSON instead of TypeORM's console printer. The parameters TypeORM hands over
 * are never written: they hold password hashes and document bodies. A failed query is a warning: an expected one
 * (a taken e-mail) becomes a 4xx, and an unexpected one is logged again as the request's unhandled error.
 */
export class StructuredQueryLogger implements TypeOrmLogger {
  constructor(
    private readonly logQueries: boolean,
    private readonly sink: QueryLogSink = nestSink(),
  ) {}

  logQuery(query: string): void {
    if (this.logQueries) this.sink.info({ query }, 'query');
  }

  logQueryError(error: string | Error, query: string): void {
    this.sink.warn({ query, error: safeDatabaseError(error) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.sink.warn({ query, durationMs: time }, 'slow query');
  }

  // TypeORM's chatter (schema, migrations, notices) only when queries are asked for, as before; its warnings always.
  logSchemaBuild(message: string): void {
    if (this.logQueries) this.sink.info({}, message);
  }

  logMigration(message: string): void {
    if (this.logQueries) this.sink.info({}, message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink.warn({}, String(message));
    else if (this.logQueries) this.sink.info({}, String(message));
  }
}
