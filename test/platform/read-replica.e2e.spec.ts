import { deriveAppDatabaseUrl, ReadSource } from '@ambidex/platform';
import { eventually, obliterateQueues, testConfig } from '@ambidex/testing';
import { Client } from 'pg';
import { runMigrations } from '../../apps/shared/src/migrations';
import { uniqueWord } from '../experiments/experiment-log-fixture';
import { createInitiative, createPortfolio, ensureDefaultModel, initiativeBody } from '../portfolio/support';
import { startStreamingPair, StreamingPair } from '../support/streaming-replica';
import { freePort } from '../support/throwaway-redis';
import { TestApp, TestUser } from '../support/test-app';

/**
 * DATABASE_READ_URL against a real hot standby streaming from its primary (both started here). Pausing the
 * standby's replay makes "served from the replica" observable without timing anything: a write committed meanwhile
 * is on the primary, and absent from the reads that moved, until replay resumes.
 */
describe('a read replica (DATABASE_READ_URL)', () => {
  let pair: StreamingPair;
  let standby: Client;
  let app: TestApp;
  let lead: TestUser;
  let leadership: TestUser;

  beforeAll(async () => {
    pair = await startStreamingPair();
    standby = new Client({ connectionString: pair.standbyUrl });
    await standby.connect();
    // As documented: the replica is read as the application role, which it has replicated from the primary.
    const config = configReadingFrom(deriveAppDatabaseUrl(pair.standbyUrl, undefined));
    await runMigrations(config, pair.primaryUrl);
    app = await TestApp.start({ worker: true, config });
    await ensureDefaultModel(app);
    lead = await app.newUser(['innovation_lead'], 'replica-lead');
    leadership = await app.newUser(['leadership'], 'replica-leadership');
  });

  afterAll(async () => {
    if (app !== undefined) {
      await obliterateQueues(app.config);
      await app.close();
    }
    await standby?.end().catch(() => undefined);
    pair?.stop();
  });

  /** The test configuration on the pair's primary, reading from readUrl. */
  const configReadingFrom = (readUrl: string): ReturnType<typeof testConfig> => {
    const base = testConfig();
    return {
      ...base,
      database: {
        ...base.database,
        url: pair.primaryUrl,
        appUrl: deriveAppDatabaseUrl(pair.primaryUrl, undefined),
        readUrl,
      },
    };
  };
  const listed = async (word: string): Promise<string[]> =>
    (await app.request({ url: `/api/initiatives?q=${word}&limit=50`, token: lead.token }))
      .json<{ items: { id: string }[] }>()
      .items.map((i) => i.id)
      .sort();
  const found = async (word: string): Promise<string[]> =>
    (await app.request({ url: `/api/learnings/search?q=${word}`, token: lead.token }))
      .json<{ learningId: string }[]>()
      .map((h) => h.learningId);
  const exploring = async (portfolioId: string): Promise<number | undefined> => {
    const response = await app.request({
      url: `/api/insights/portfolios/${portfolioId}/overview`,
      token: leadership.token,
    });
    expect(response.status).toBe(200);
    return response.json<{ funnel: { stage: string; current: number }[] }>().funnel.find((f) => f.stage === 'explore')
      ?.current;
  };
  const readiness = async (): Promise<{
    status: number;
    report: { ready: boolean; checks: { readReplica?: { ok: boolean; lagBytes?: number | null } } };
  }> => {
    const response = await app.request({ url: '/health/ready' });
    return { status: response.status, report: response.json() };
  };
  const replayPaused = async (): Promise<string> =>
    ((await standby.query(`SELECT pg_get_wal_replay_pause_state() AS state`)).rows[0] as { state: string }).state;

  it('serves the listing, the learning search and the dashboard from the replica, once replicated', async () => {
    const portfolioId = await createPortfolio(app, leadership);
    const word = uniqueWord();
    const first = await createInitiative(app, lead, initiativeBody(portfolioId, { title: `Replica ${word} one` }));
    await expect(
      eventually(
        () => listed(word),
        (ids) => ids.length === 1,
        20_000,
      ),
    ).resolves.toEqual([first.id]);
    await expect(
      eventually(
        () => exploring(portfolioId),
        (n) => n === 1,
        20_000,
      ),
    ).resolves.toBe(1);

    await standby.query(`SELECT pg_wal_replay_pause()`);
    await expect(eventually(replayPaused, (state) => state === 'paused', 20_000)).resolves.toBe('paused');
    try {
      // Written on the primary while the replica stands still.
      const second = await createInitiative(app, lead, initiativeBody(portfolioId, { title: `Replica ${word} two` }));
      const learningWord = uniqueWord();
      const learning = await app.request({
        method: 'POST',
        url: `/api/initiatives/${first.id}/learnings`,
        token: lead.token,
        body: {
          observed: `Nurses ask for ${learningWord}`,
          belief: 'It helps',
          decision: 'persevere',
          confidence: 'medium',
        },
      });
      expect(learning.status).toBe(201);
      const learningId = learning.json<{ id: string }>().id;
      // Read-your-writes stays on the primary: the new initiative itself, and its duplicates check.
      expect((await app.request({ url: `/api/initiatives/${second.id}`, token: lead.token })).status).toBe(200);
      await expect(listed(word)).resolves.toEqual([first.id]);
      await expect(found(learningWord)).resolves.toEqual([]);
      // A portfolio the replica has not seen yet is read from the primary rather than answered 404.
      const newer = await createPortfolio(app, leadership);
      await expect(exploring(newer)).resolves.toBe(0);
      // Readiness reports the replica behind, and stays ready: only the reads that moved wait for it.
      const behind = await readiness();
      expect(behind.status).toBe(200);
      expect(behind.report.ready).toBe(true);
      expect(behind.report.checks.readReplica).toEqual({ ok: true, lagBytes: expect.any(Number) });
      expect(behind.report.checks.readReplica?.lagBytes).toBeGreaterThan(0);

      await standby.query(`SELECT pg_wal_replay_resume()`);
      await expect(
        eventually(
          () => listed(word),
          (ids) => ids.length === 2,
          20_000,
        ),
      ).resolves.toEqual([first.id, second.id].sort());
      await expect(
        eventually(
          () => found(learningWord),
          (ids) => ids.length === 1,
          20_000,
        ),
      ).resolves.toEqual([learningId]);
      await expect(
        eventually(
          () => exploring(portfolioId),
          (n) => n === 2,
          20_000,
        ),
      ).resolves.toBe(2);
      await expect(
        eventually(
          async () => (await readiness()).report.checks.readReplica?.lagBytes,
          (lag) => lag === 0,
          20_000,
        ),
      ).resolves.toBe(0);
    } finally {
      await standby.query(`SELECT pg_wal_replay_resume()`);
    }
  });

  it('never writes there: its sessions are read-only, and it is a standby', async () => {
    const reads = app.app.get(ReadSource).get();
    expect(reads).not.toBe(app.dataSource);
    await expect(reads.query(`SELECT pg_is_in_recovery() AS standby`)).resolves.toEqual([{ standby: true }]);
    await expect(reads.query(`SHOW default_transaction_read_only`)).resolves.toEqual([
      { default_transaction_read_only: 'on' },
    ]);
    await expect(reads.query(`UPDATE portfolios SET name = name`)).rejects.toThrow(/read-only transaction/);
    await expect(app.dataSource.query(`SELECT pg_is_in_recovery() AS standby`)).resolves.toEqual([{ standby: false }]);
  });

  it('routes around a replica lost after start, and back to it once it answers again', async () => {
    const reads = app.app.get(ReadSource);
    const replica = reads.get();
    expect(replica).not.toBe(app.dataSource);
    const portfolioId = await createPortfolio(app, leadership);
    // The superuser session on the standby dies with it; nothing reads it after this test.
    standby.on('error', () => undefined);
    pair.stopStandby();
    try {
      await expect(
        eventually(
          async () => reads.get(),
          (source) => source === app.dataSource,
          15_000,
        ),
      ).resolves.toBe(app.dataSource);
      const listing = await app.request({ url: '/api/initiatives?limit=1', token: lead.token });
      expect(listing.status).toBe(200);
      await expect(exploring(portfolioId)).resolves.toBe(0);
      const { status, report } = await readiness();
      expect(status).toBe(200);
      expect(report.ready).toBe(true);
      expect(report.checks.readReplica).toEqual({ ok: false, detail: 'not answering: its reads go to the primary' });
    } finally {
      pair.startStandby();
    }
    await expect(
      eventually(
        async () => reads.get(),
        (source) => source === replica,
        20_000,
      ),
    ).resolves.toBe(replica);
    const listing = await app.request({ url: '/api/initiatives?limit=1', token: lead.token });
    expect(listing.status).toBe(200);
    await expect(
      eventually(
        async () => (await readiness()).report.checks.readReplica?.ok,
        (ok) => ok === true,
        20_000,
      ),
    ).resolves.toBe(true);
  });

  it('starts without a replica it cannot reach: its reads go to the primary, and readiness says so', async () => {
    const unreachable = `postgres://ambidex_app@127.0.0.1:${await freePort()}/ambidex`;
    const config = configReadingFrom(unreachable);
    const alone = await TestApp.start({ config });
    try {
      expect(alone.app.get(ReadSource).get()).toBe(alone.dataSource);
      const listing = await alone.request({ url: '/api/initiatives?limit=1', token: lead.token });
      expect(listing.status).toBe(200);
      const ready = await alone.request({ url: '/health/ready' });
      expect(ready.status).toBe(200);
      expect(ready.json<{ checks: { readReplica?: unknown } }>().checks.readReplica).toEqual({
        ok: false,
        detail: 'not reached yet: its reads go to the primary',
      });
    } finally {
      await alone.close();
    }
  });
});
