import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { PRODUCER_REDIS } from '../queues/queue-producer';

export interface ReadinessReport {
  ready: boolean;
  checks: { database: CheckResult; redis: CheckResult; migrations: CheckResult };
}

interface CheckResult {
  ok: boolean;
  detail?: string;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
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
    return { ready: database.ok && redis.ok && migrations.ok, checks: { database, redis, migrations } };
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
