import { AuditTrail, SYSTEM_ACTOR, verifyAuditTrail } from '@ambidex/platform';
import { testConfig } from '@ambidex/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/shared/src/migrations';

describe('audit trail (real PostgreSQL)', () => {
  let dataSource: DataSource;
  const audit = new AuditTrail();

  beforeAll(async () => {
    const config = testConfig();
    dataSource = await createDataSource({ ...config, database: { ...config.database, poolSize: 12 } }, config.database.url ?? '').initialize();
  });
  afterAll(() => dataSource.destroy());

  const appendTo = (chainKey: string, n: number): Promise<void> =>
    dataSource.transaction((em) =>
      audit.append(em, { actor: SYSTEM_ACTOR, action: 'test.appended', entityType: 'test', entityId: String(n), after: { n }, chainKey }),
    );

  it('keeps one gap-free chain under concurrent writers', async () => {
    const chain = `test:${randomUUID()}`;
    await Promise.all(Array.from({ length: 40 }, (_, n) => appendTo(chain, n)));
    const rows = (await dataSource.query(`SELECT seq FROM audit_entries WHERE chain_key = $1 ORDER BY seq`, [chain])) as { seq: number }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await expect(dataSource.transaction((em) => verifyAuditTrail(em, chain))).resolves.toMatchObject({ ok: true, entries: 40 });
  });

  it('is append-only: PostgreSQL refuses UPDATE, DELETE and TRUNCATE', async () => {
    const chain = `test:${randomUUID()}`;
    await appendTo(chain, 1);
    await expect(dataSource.query(`UPDATE audit_entries SET action = 'x' WHERE chain_key = $1`, [chain])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_entries WHERE chain_key = $1`, [chain])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
  });

  it('detects a tampered row and a removed row', async () => {
    const chain = `test:${randomUUID()}`;
    for (let n = 1; n <= 3; n += 1) await appendTo(chain, n);
    // Tamper inside a transaction that is rolled back, so the shared run database stays intact.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      // A superuser can switch triggers off; the hash chain still tells.
      await runner.query(`SET LOCAL session_replication_role = replica`);
      await runner.query(`UPDATE audit_entries SET after = '{"n": 99}' WHERE chain_key = $1 AND seq = 2`, [chain]);
      const changed = await verifyAuditTrail(runner.manager, chain);
      expect(changed.ok).toBe(false);
      expect(changed.problems).toContainEqual(expect.objectContaining({ seq: 2, problem: expect.stringContaining('changed') }));

      await runner.query(`DELETE FROM audit_entries WHERE chain_key = $1 AND seq = 3`, [chain]);
      const removed = await verifyAuditTrail(runner.manager, chain);
      expect(removed.problems).toContainEqual(expect.objectContaining({ problem: expect.stringContaining('removed') }));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await expect(dataSource.transaction((em) => verifyAuditTrail(em, chain))).resolves.toMatchObject({ ok: true });
  });
});
