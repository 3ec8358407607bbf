import { UsersService, Role } from '@ambidex/identity';
import { AppConfig, createLogger, deriveAppDatabaseUrl, SYSTEM_ACTOR } from '@ambidex/platform';
import { testConfig, uniqueEmail } from '@ambidex/testing';
import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { appendFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { createHttpApp } from '../../apps/api/src/http/create-http-app';
import { runMigrations } from '../../apps/shared/src/migrations';
import { RootModule } from '../../apps/shared/src/root.module';
import { createThrowawayDatabase } from '../../apps/shared/src/throwaway-database';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { OpenApiContract, OpenApiDocument, reportMismatches } from './openapi-contract';

export const TEST_PASSWORD = 'test-password-0123';

interface InjectOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

/** The real API (and optionally the worker) on the run's database and Redis, driven through Fastify's inject. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
  ) {}

  static async start(options: { worker?: boolean; config?: AppConfig; extraModules?: Type[] } = {}): Promise<TestApp> {
    const config = options.config ?? testConfig();
    const parts: Type[] = [
      ApiModule,
      ...(options.worker === true ? [WorkerModule] : []),
      ...(options.extraModules ?? []),
    ];
    // The app runs as the application role, as in production; tests that tamper use config.database.url (the owner).
    const infra = { databaseUrl: config.database.appUrl ?? '', redisUrl: config.redis.url ?? '' };
    const app = await createHttpApp(RootModule.forRoot(config, infra, parts), config, createLogger(config));
    return new TestApp(app, config);
  }

  /**
   * On a database of its own, for suites that must know every user there is (gatekeeper assignment, admins), count
   * whole tables, or run a worker: a worker's outbox relay publishes every unpublished event of its database, other
   * suites' included, into its own queues.
   */
  static async startIsolated(options: { worker?: boolean; config?: AppConfig } = {}): Promise<TestApp> {
    const base = options.config ?? testConfig();
    const db = await createThrowawayDatabase(base.database.url ?? '', 'ambidex_test_iso');
    const config = {
      ...base,
      database: { ...base.database, url: db.url, appUrl: deriveAppDatabaseUrl(db.url, base.database.appPassword) },
    };
    await runMigrations(config, db.url);
    const app = await TestApp.start({ ...options, config });
    app.dropDatabase = db.drop;
    return app;
  }

  private dropDatabase: (() => Promise<void>) | undefined;
  private contractOfApp: OpenApiContract | undefined;

  /** The document this app serves, compiled once: every response is checked against it. */
  async contract(): Promise<OpenApiContract> {
    if (this.contractOfApp === undefined) {
      const served = await this.app.inject({ method: 'GET', url: '/api/openapi.json' });
      this.contractOfApp = new OpenApiContract(served.json<OpenApiDocument>());
    }
    return this.contractOfApp;
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async request(options: InjectOptions): Promise<TestResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    const response = await this.app.inject({
      method: options.method ?? 'GET',
      url: options.url,
      headers,
      ...(options.body === undefined ? {} : { payload: options.body as string | object }),
    });
    const method = options.method ?? 'GET';
    const contract = await this.contract();
    const contentType = String(response.headers['content-type'] ?? '');
    reportMismatches(contract.check(method, options.url, response.statusCode, contentType, response.body), {
      method,
      url: options.url,
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      json: <T>() => response.json<T>(),
    };
  }

  async login(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await this.request({ method: 'POST', url: '/api/auth/login', body: { email, password } });
    if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status} ${response.body}`);
    return response.json<{ accessToken: string }>().accessToken;
  }

  /** A user with these roles, signed in. */
  async newUser(roles: Role[], label = roles.join('-')): Promise<TestUser> {
    const email = uniqueEmail(label);
    const user = await this.app.get(UsersService).create(SYSTEM_ACTOR, {
      email,
      displayName: `Test ${label}`,
      password: TEST_PASSWORD,
      roles,
    });
    return { id: user.id, email, token: await this.login(email) };
  }

  async count(table: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[];
    return row?.n ?? 0;
  }

  async close(): Promise<void> {
    // With AMBIDEX_CONTRACT_STATS set, each suite appends how many responses the contract checked (for figures).
    // eslint-disable-next-line no-restricted-syntax -- a switch of the test harness (surveying the contract), not app configuration
    const stats = process.env.AMBIDEX_CONTRACT_STATS;
    if (stats !== undefined && stats !== '' && this.contractOfApp !== undefined) {
      appendFileSync(
        stats,
        `${JSON.stringify({ suite: expect.getState().testPath, checked: this.contractOfApp.checked })}\n`,
      );
    }
    await this.app.close();
    await this.dropDatabase?.();
  }
}
