import { AuditCheckpointStore } from '@ambidex/platform';
import { eventually, obliterateQueues, testConfig } from '@ambidex/testing';
import { Client } from 'pg';
import { TestApp, TestUser } from '../support/test-app';

interface Verification {
  ok: boolean;
  problems: { chainKey: string; seq: number | null; problem: string }[];
  anchor: {
    checkpoints: number;
    covered: { chains: number; entries: number };
    newer: { chains: number; entries: number };
  };
}

/** The worker's repeatable job signs checkpoints; the admin endpoint checks the trail against them. */
describe('audit checkpoints (live worker, admin endpoint)', () => {
  let app: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    const base = testConfig();
    app = await TestApp.startIsolated({
      worker: true,
      config: { ...base, audit: { ...base.audit, checkpointEveryMs: 1000 } },
    });
    admin = await app.newUser(['admin']);
  });
  afterAll(async () => {
    await obliterateQueues(app.config);
    await app.close();
  });

  const verify = async (): Promise<Verification> => {
    const response = await app.request({ url: '/api/admin/audit/verify', token: admin.token });
    expect(response.status).toBe(200);
    return response.json<Verification>();
  };

  it('the worker anchors the trail; a consistent rewrite by the owner is then reported, and never re-anchored', async () => {
    const chain = `user:${admin.id}`;
    const covered = await eventually(
      verify,
      (v) => v.anchor.covered.entries > 0 && v.anchor.newer.entries === 0,
      20_000,
    );
    expect(covered).toMatchObject({ ok: true, problems: [] });
    expect(covered.anchor.checkpoints).toBeGreaterThan(0);

    // The owner deletes the admin's chain for good (triggers off): hash-consistent, but the checkpoint remembers it.
    const owner = new Client({ connectionString: app.config.database.url });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query(`SET LOCAL session_replication_role = replica`);
      await owner.query(`DELETE FROM audit_entries WHERE chain_key = $1`, [chain]);
      await owner.query(`DELETE FROM audit_chain_heads WHERE chain_key = $1`, [chain]);
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }
    // Something else happens, so the worker signs another checkpoint after the deletion: it must keep the old head.
    const lines = (): Promise<number> => Promise.resolve(new AuditCheckpointStore(app.config.audit).lines().length);
    const before = await lines();
    await app.newUser(['quality_head']);
    await expect(eventually(lines, (n) => n > before, 20_000)).resolves.toBeGreaterThan(before);
    const tampered = await verify();
    expect(tampered.ok).toBe(false);
    expect(tampered.problems).toContainEqual(
      expect.objectContaining({ chainKey: chain, problem: expect.stringContaining('deleted') }),
    );
  });
});
