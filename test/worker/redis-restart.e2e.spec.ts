import { Outbox, OutboxEventEntity } from '@ambidex/platform';
import { eventually, testConfig } from '@ambidex/testing';
import { ChildProcess } from 'node:child_process';
import { TestApp } from '../support/test-app';
import { freePort, startRedis, stopRedis } from '../support/throwaway-redis';

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
    app = await TestApp.startIsolated({
      worker: true,
      config: { ...base, redis: { ...base.redis, url: `redis://127.0.0.1:${port}` } },
    });
  });
  afterAll(async () => {
    await app.close();
    await stopRedis(redis);
  }, 30_000);

  const record = (): Promise<string> =>
    app.dataSource.transaction((em) =>
      app.app.get(Outbox).record(em, { type: 'test.redis-restart', aggregateType: 'test', aggregateId: 'r' }),
    );
  const processed = (id: string): Promise<OutboxEventEntity | null> =>
    eventually(
      () => app.dataSource.getRepository(OutboxEventEntity).findOneBy({ id }),
      (row) => row?.processedAt !== null,
      20_000,
    );

  it('delivers events recorded before, during and after the outage', async () => {
    await expect(processed(await record())).resolves.toMatchObject({ processedAt: expect.any(Date) });

    await stopRedis(redis);
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
