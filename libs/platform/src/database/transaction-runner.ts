import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { sqlStateOf } from './pg-errors';

/** SQLSTATEs after which the whole transaction may simply run again: serialization failure, deadlock detected. */
export const RETRYABLE_SQL_STATES: ReadonlySet<string> = new Set(['40001', '40P01']);

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff before retry n is a random wait in [0, baseDelayMs × 2^(n-1)), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 10, maxDelayMs: 200 };

/** Retries ran out: the caller may try again shortly (503 with Retry-After), nothing was committed. */
export class TransactionContentionError extends DomainError {
  readonly retryAfterSeconds = 1;

  constructor(
    readonly sqlState: string,
    readonly attempts: number,
  ) {
    super(
      'DATABASE.CONTENTION',
      'unavailable',
      `Too many concurrent changes to the same records (${attempts} attempts); retry shortly`,
    );
  }
}

/**
 * One transaction per use case: the change, its history, audit entry and outbox rows commit together.
 *
 * A transaction PostgreSQL aborts with a serialization failure or a deadlock is run again from the start, a bounded
 * number of times with a small jittered backoff: the callback is the whole use case, so it must do nothing outside
 * the transaction that a second run would double (jobs are added after run() returns, or with a deterministic id).
 */
@Injectable()
export class TransactionRunner {
  private readonly retriesBySqlState = new Map<string, number>();
  private policy: RetryPolicy = DEFAULT_RETRY_POLICY;

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // PostgreSQL's default level (READ COMMITTED); naming it would cost a SET TRANSACTION round trip.
        return await this.dataSource.transaction(work);
      } catch (error) {
        const sqlState = sqlStateOf(error);
        if (!RETRYABLE_SQL_STATES.has(sqlState)) throw error;
        if (attempt >= this.policy.attempts) throw new TransactionContentionError(sqlState, attempt);
        this.retriesBySqlState.set(sqlState, (this.retriesBySqlState.get(sqlState) ?? 0) + 1);
        await sleep(backoffMs(this.policy, attempt));
      }
    }
  }

  /** Retries run so far in this process, by SQLSTATE (for /metrics and for tests). */
  retries(): ReadonlyMap<string, number> {
    return new Map(this.retriesBySqlState);
  }

  /** Tests shorten or lengthen the bound; production keeps the default. */
  usePolicy(policy: RetryPolicy): void {
    this.policy = policy;
  }
}

function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}
