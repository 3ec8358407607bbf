import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ReadSource } from '../database/read-source';
import { PRODUCER_REDIS } from '../queues/queue-producer';

export interface ReadinessReport {
  ready: boolean;
  checks: { database: CheckResult; redis: CheckResult; migrations: CheckResult; readReplica?: ReplicaCheckResult };
}

interface CheckResult {
  ok: boolean;
  detail?: string;
}

interface ReplicaCheckResult extends CheckResult {
  /** WAL bytes the standby has still to replay; null for a copy that is not a standby (logical replication). */
  lagBytes?: number | null;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    private readonly reads: ReadSource,
  ) {}

  async readiness(): Promise<ReadinessReport> {
    const [database, redis, migrations] = await Promise.all([
      this.check(async () => {
        await this.dataSource.query('SELECT 1');
      }),
      this.check(async () => {
        if ((await this.redis.ping()) !== 'PONG') throw new Error('unexpected PING answer');
      }),
      this.check(async () => {
        if (await this.dataSource.showMigrations()) throw new Error('migrations are pending');
      }),
    ]);
    const ready = database.ok && redis.ok && migrations.ok;
    // Reported, never part of `ready`: every API process reads the same replica, so failing on it would take the
    // whole API out of a load balancer, writes included, for what only the dashboards and searches need.
    const replica = this.reads.replica;
    if (replica === null) return { ready, checks: { database, redis, migrations } };
    return { ready, checks: { database, redis, migrations, readReplica: await this.replicaCheck(replica) } };
  }

  private async replicaCheck(replica: DataSource): Promise<ReplicaCheckResult> {
    if (!replica.isInitialized) return { ok: false, detail: 'not reached yet: its reads go to the primary' };
    if (this.reads.lost) return { ok: false, detail: 'not answering: its reads go to the primary' };
    let lagBytes: number | null = null;
    const reached = await this.check(async () => {
      const [primary] = (await this.dataSource.query(`SELECT pg_current_wal_lsn()::text AS lsn`)) as { lsn: string }[];
      const [row] = (await replica.query(
        `SELECT CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) END AS lag`,
        [primary?.lsn],
      )) as { lag: string | null }[];
      // Replay can pass the LSN read a moment earlier on the primary: never report a negative lag.
      lagBytes = row?.lag == null ? null : Math.max(0, Number(row.lag));
    });
    return reached.ok ? { ...reached, lagBytes } : reached;
  }

  private async check(probe: () => Promise<void>): Promise<CheckResult> {
    try {
      await withTimeout(probe(), 2000);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
