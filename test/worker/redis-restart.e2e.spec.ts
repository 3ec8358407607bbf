import { Outbox, OutboxEventEntity } from '@ambidex/platform';
import { eventually, testConfig } from '@ambidex/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { TestApp } from '../support/test-app';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A Redis that dies and comes back empty: workers reconnect and the outbox sweeper re-sends what Redis lost. */
describe('Redis restart', () => {
  let redis: ChildProcess;
  let app: TestApp;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const base = testConfig({ sweepIntervalMs: 500 });
    // A database of its own: a relay of a suite running alongside would take its events into another Redis.
    app = await TestApp.startIsolated({ worker: true, config: { ...base, redis: { ...base.redis, url: `redis://127.0.0.1:${port}` } } });
  });
  afterAll(async () => {
    await app.close();
    await stop(redis);
  }, 30_000);

  const record = (): Promise<string> =>
    app.dataSource.transaction((em) => app.app.get(Outbox).record(em, { type: 'test.redis-restart', aggregateType: 'test', aggregateId: 'r' }));
  const processed = (id: string): Promise<OutboxEventEntity | null> =>
    eventually(
      () => app.dataSource.getRepository(OutboxEventEntity).findOneBy({ id }),
      (row) => row?.processedAt !== null,
      20_000,
    );

  it('delivers events recorded before, during and after the outage', async () => {
    await expect(processed(await record())).resolves.toMatchObject({ processedAt: expect.any(Date) });

    await stop(redis);
    const duringOutage = await record();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    redis = await startRedis(port);

    const afterRestart = await record();
    await expect(processed(afterRestart)).resolves.toMatchObject({ processedAt: expect.any(Date) });
    // Published or not before the crash, the event recorded during the outage arrives too: if its job was lost
    // with Redis's memory, the scheduled sweeper (re-asserted after the restart) re-adds it once it is stale.
    await app.dataSource.query(
      `UPDATE outbox_events SET published_at = now() - interval '1 hour' WHERE id = $1 AND processed_at IS NULL AND published_at IS NOT NULL`,
      [duringOutage],
    );
    await expect(processed(duringOutage)).resolves.toMatchObject({ processedAt: expect.any(Date) });
  }, 60_000);
});
