/**
 * Ambidex as `npm start` builds it (RootModule with the parts a bench names), in process, on the bench's throwaway
 * database, and the rows every seeded initiative hangs from. Shared so each bench measures the same boot.
 */
import { createLogger, returnedId } from '@ambidex/platform';
import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio';
import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { createHttpApp } from '../../apps/api/src/http/create-http-app';
import { runMigrations } from '../../apps/shared/src/migrations';
import { RootModule } from '../../apps/shared/src/root.module';
import { BenchEnvironment } from './bench-env';

/** Migrates the throwaway database, then builds the app (not listening: a bench that wants HTTP calls listen). */
export async function startAmbidex(
  env: BenchEnvironment,
  parts: Type[] = [ApiModule],
): Promise<NestFastifyApplication> {
  await runMigrations(env.config, env.databaseUrl);
  const root = RootModule.forRoot(env.config, { databaseUrl: env.databaseUrl, redisUrl: env.redisUrl }, parts);
  return createHttpApp(root, env.config, createLogger(env.config, 'ambidex-bench'));
}

export interface BenchPortfolio {
  model: string;
  portfolio: string;
}

/** The active default process model and one 'Bench' portfolio. */
export async function seedModelAndPortfolio(ds: DataSource, createdBy: string): Promise<BenchPortfolio> {
  const model = returnedId(
    await ds.query(
      `INSERT INTO process_models (key, version, name, status, definition, activated_at) VALUES ('default', 1, 'Default', 'active', $1, now()) RETURNING id`,
      [JSON.stringify(DEFAULT_PROCESS_MODEL)],
    ),
    'the bench process model',
  );
  const portfolio = returnedId(
    await ds.query(
      `INSERT INTO portfolios (name, ambition_targets, horizon_targets, created_by) VALUES ('Bench', $1, $2, $3) RETURNING id`,
      [
        JSON.stringify({ core: 70, adjacent: 20, transformational: 10 }),
        JSON.stringify({ H1: 60, H2: 30, H3: 10 }),
        createdBy,
      ],
    ),
    'the bench portfolio',
  );
  return { model, portfolio };
}
