import { createLogger } from '@ambidex/platform';
import { testConfig } from '@ambidex/testing';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { Public } from '../../apps/api/src/auth/access.decorators';
import { createHttpApp } from '../../apps/api/src/http/create-http-app';
import { RootModule } from '../../apps/shared/src/root.module';
import { TestApp } from '../support/test-app';

const SECRET_PARAMETER = 'do-not-log-this-parameter-6d1f';

/** A route that fails the way a bug would: a query the database refuses, carrying a parameter. */
@Controller('test/log-output')
class FailingController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Get('unhandled')
  async unhandled(): Promise<void> {
    await this.dataSource.query('SELECT 1 FROM table_that_does_not_exist WHERE name = $1', [SECRET_PARAMETER]);
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

describe('log output: JSON lines with the request id, never query parameters', () => {
  const lines: string[] = [];
  const consoleCalls: unknown[][] = [];
  let app: NestFastifyApplication;
  let admin: string;

  beforeAll(async () => {
    const config = { ...testConfig(), logLevel: 'info' as const };
    const capture = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((line) => line !== ''),
        );
        callback();
      },
    });
    // TypeORM's own printer writes through console: anything that goes there bypasses the JSON log.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
    }
    // A helper app signs the admin in first (Nest's logger is process-wide, the last app's wins); its log is not the one under test.
    const helper = await TestApp.start();
    admin = (await helper.newUser(['admin'])).token;
    await helper.close();
    const infra = { databaseUrl: config.database.url ?? '', redisUrl: config.redis.url ?? '' };
    const root = RootModule.forRoot(config, infra, [ApiModule, FailingModule]);
    app = await createHttpApp(root, config, createLogger(config, 'ambidex-test', capture));
  });
  afterAll(async () => {
    await app.close();
    jest.restoreAllMocks();
  });

  it('a taken e-mail (a failed INSERT) and an unhandled error leave only JSON lines, without hash, password or parameters', async () => {
    const password = 'a-Secret-password-4471';
    const email = `taken-${Date.now()}@test.ambidex.local`;
    const create = (requestId: string): Promise<{ statusCode: number; json<T>(): T }> =>
      app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: { authorization: `Bearer ${admin}`, 'x-request-id': requestId },
        payload: { email, displayName: 'Taken', password, roles: ['innovation_lead'] },
      });
    const created = await create('req-first-create');
    expect(created.statusCode).toBe(201);
    // The audit entry the request wrote carries its id too (the request context reaches the use case).
    const audited = (await app
      .get(DataSource)
      .query(`SELECT request_id FROM audit_entries WHERE action = 'identity.user.created' AND entity_id = $1`, [
        created.json<{ id: string }>().id,
      ])) as { request_id: string }[];
    expect(audited).toEqual([{ request_id: 'req-first-create' }]);
    lines.length = 0;
    expect((await create('req-taken-email')).statusCode).toBe(409);
    const unhandled = await app.inject({
      url: '/test/log-output/unhandled',
      headers: { 'x-request-id': 'req-unhandled' },
    });
    expect(unhandled.statusCode).toBe(500);

    expect(consoleCalls).toEqual([]);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const text = lines.join('\n');
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(password);
    expect(text).not.toContain(SECRET_PARAMETER);
    expect(text).not.toMatch(/parameters/i);

    // The failed INSERT is logged (without values) and so is the unhandled error, each under its request's id.
    const ofTaken = parsed.filter((line) => line.requestId === 'req-taken-email');
    expect(
      ofTaken.some((line) => line.msg === 'query failed' && (line.error as { code?: string }).code === '23505'),
    ).toBe(true);
    const ofUnhandled = parsed.filter((line) => line.requestId === 'req-unhandled');
    expect(ofUnhandled.some((line) => line.msg === 'unhandled error' && line.level === 50)).toBe(true);
    // One line per request from Fastify, under the same id and key: the request, its status and its time together.
    for (const [id, status] of [
      ['req-taken-email', 409],
      ['req-unhandled', 500],
    ] as const) {
      const ofRequest = parsed.filter((line) => line.requestId === id);
      expect(ofRequest.map((line) => line.msg)).not.toContain('incoming request');
      const completed = ofRequest.filter((line) => line.msg === 'request completed');
      expect(completed).toEqual([
        expect.objectContaining({
          req: expect.objectContaining({ method: expect.any(String), url: expect.any(String) }),
          res: { statusCode: status },
          responseTime: expect.any(Number),
        }),
      ]);
    }
    expect(text).not.toContain('"requestId":null');
    expect(text).not.toContain('"reqId"');
  });
});
