/**
 * Ambidex as `npm start` builds it (RootModule with the parts a bench names), in process, on the bench's throwaway
 * database; its signed-in user; and the rows every seeded initiative hangs from. Shared so each bench measures the
 * same boot.
 */
import { AuthenticationService, Role, UsersService } from '@ambidex/identity';
import { createLogger, SYSTEM_ACTOR } from '@ambidex/platform';
import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo } from 'node:net';
import { ApiModule } from '../../apps/api/src/api.module';
import { createHttpApp } from '../../apps/api/src/http/create-http-app';
import { runMigrations } from '../../apps/shared/src/migrations';
import { RootModule } from '../../apps/shared/src/root.module';
import { BenchEnvironment } from './bench-env';
import { seedPortfolios, seedProcessModel, Sql } from './bench-seed';

/** Migrates the throwaway database, then builds the app (not listening: a bench that wants HTTP calls listen). */
export async function startAmbidex(
  env: BenchEnvironment,
  parts: Type[] = [ApiModule],
): Promise<NestFastifyApplication> {
  await runMigrations(env.config, env.databaseUrl);
  const root = RootModule.forRoot(env.config, { databaseUrl: env.databaseUrl, redisUrl: env.redisUrl }, parts);
  return createHttpApp(root, env.config, createLogger(env.config, 'ambidex-bench'));
}

/** Listens on a free loopback port; resolves the base URL. */
export async function listenOnLoopback(app: NestFastifyApplication): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface SignedInUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
}

/** A user created through UsersService and signed in through AuthenticationService, as the login route does. */
export async function signedInUser(
  app: NestFastifyApplication,
  email: string,
  displayName: string,
  role: Role,
): Promise<SignedInUser> {
  const password = 'correct horse battery staple';
  const user = await app.get(UsersService).create(SYSTEM_ACTOR, { email, displayName, password, roles: [role] });
  const { accessToken } = await app.get(AuthenticationService).login(email, password, '127.0.0.1');
  return { id: user.id, email, password, accessToken };
}

export interface BenchPortfolio {
  model: string;
  portfolio: string;
}

/** The active default process model and one portfolio (named 'Bench' unless told). */
export async function seedModelAndPortfolio(sql: Sql, createdBy: string, name = 'Bench'): Promise<BenchPortfolio> {
  const model = await seedProcessModel(sql);
  const [portfolio] = await seedPortfolios(sql, [name], createdBy);
  if (portfolio === undefined) throw new Error('the bench portfolio was not inserted');
  return { model, portfolio };
}
