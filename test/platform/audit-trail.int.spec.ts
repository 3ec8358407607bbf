import {
  AppConfig,
  AuditCheckpointer,
  AuditCheckpointStore,
  AuditVerification,
  AuditTrail,
  GENESIS_HASH,
  hashAuditEntry,
  SYSTEM_ACTOR,
  verifyAnchoredAuditTrail,
  verifyAuditTrail,
} from '@ambidex/platform';
import { testConfig } from '@ambidex/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/shared/src/migrations';
import { TAMPERINGS } from './audit-tampering';

describe('audit trail (real PostgreSQL)', () => {
  let config: AppConfig;
  /** The application role, as the API and the worker connect. */
  let app: DataSource;
  /** The owner of the tables (migrations): the only account that can switch triggers off. */
  let owner: DataSource;
  let checkpointer: AuditCheckpointer;
  const audit = new AuditTrail();

  beforeAll(async () => {
    config = testConfig();
    const pooled = { ...config, database: { ...config.database, poolSize: 12 } };
    app = await createDataSource(pooled, config.database.appUrl ?? '').initialize();
    owner = await createDataSource(pooled, config.database.url ?? '').initialize();
    checkpointer = new AuditCheckpointer(app, config);
  });
  afterAll(async () => {
    await app.destroy();
    await owner.destroy();
  });

  const appendTo = (chainKey: string, n: number): Promise<void> =>
    app.transaction((em) =>
      audit.append(em, {
        actor: SYSTEM_ACTOR,
        action: 'test.appended',
        entityType: 'test',
        entityId: String(n),
        after: { n },
        chainKey,
      }),
    );
  const newChain = async (entries: number): Promise<string> => {
    const chain = `test:${randomUUID()}`;
    for (let n = 1; n <= entries; n += 1) await appendTo(chain, n);
    return chain;
  };
  const verify = (chain: string): Promise<AuditVerification> =>
    app.transaction('REPEATABLE READ', (em) => verifyAnchoredAuditTrail(em, config.audit, chain));

  it('the app connects as the application role, the migrations as the owner', async () => {
    await expect(app.query(`SELECT current_user AS who`)).resolves.toEqual([{ who: 'ambidex_app' }]);
    await expect(owner.query(`SELECT current_user AS who`)).resolves.not.toEqual([{ who: 'ambidex_app' }]);
  });

  it('keeps one gap-free chain under concurrent writers', async () => {
    const chain = `test:${randomUUID()}`;
    await Promise.all(Array.from({ length: 40 }, (_, n) => appendTo(chain, n)));
    const rows = (await app.query(`SELECT seq FROM audit_entries WHERE chain_key = $1 ORDER BY seq`, [chain])) as {
      seq: number;
    }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await expect(app.query(`SELECT seq FROM audit_chain_heads WHERE chain_key = $1`, [chain])).resolves.toEqual([
      { seq: 40 },
    ]);
    await expect(app.transaction((em) => verifyAuditTrail(em, chain))).resolves.toMatchObject({
      ok: true,
      entries: 40,
    });
  });

  describe('the application role has no right beyond INSERT on the trail', () => {
    let chain: string;
    beforeAll(async () => {
      chain = await newChain(2);
    });

    it.each([
      ['UPDATE an entry', `UPDATE audit_entries SET action = 'x' WHERE chain_key = $1`],
      ['DELETE an entry', `DELETE FROM audit_entries WHERE chain_key = $1`],
      ['TRUNCATE the entries', `TRUNCATE audit_entries`],
      ['UPDATE a head', `UPDATE audit_chain_heads SET seq = 1 WHERE chain_key = $1`],
      ['DELETE a head', `DELETE FROM audit_chain_heads WHERE chain_key = $1`],
      ['INSERT a head', `INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES ($1 || ':x', 0, repeat('0', 64))`],
      ['TRUNCATE the heads', `TRUNCATE audit_chain_heads`],
      ['switch the triggers off', `ALTER TABLE audit_entries DISABLE TRIGGER ALL`],
      ['switch every trigger off for the session', `SET session_replication_role = replica`],
    ])('%s: refused', async (_what, sql) => {
      await expect(app.query(sql, sql.includes('$1') ? [chain] : [])).rejects.toThrow(
        /permission denied|must be owner/,
      );
    });

    it('refuses an entry that does not extend the head, or that is back-dated', async () => {
      const insert = async (seq: number, prev: string, occurredAt: string): Promise<unknown> => {
        const facts = {
          chainKey: chain,
          seq,
          occurredAt,
          actorId: null,
          actorLabel: 'x',
          action: 'test.forged',
          entityType: 'test',
          entityId: 'x',
          reason: null,
          before: null,
          after: null,
          requestId: null,
        };
        return app.transaction((em) =>
          em.query(
            `INSERT INTO audit_entries (chain_key, seq, prev_hash, hash, occurred_at, actor_label, action, entity_type, entity_id)
             VALUES ($1, $2, $3, $4, $5, 'x', 'test.forged', 'test', 'x')`,
            [chain, seq, prev, hashAuditEntry(prev, facts), occurredAt],
          ),
        );
      };
      const [head] = (await app.query(`SELECT hash FROM audit_chain_heads WHERE chain_key = $1`, [chain])) as {
        hash: string;
      }[];
      await expect(insert(3, GENESIS_HASH, new Date().toISOString())).rejects.toThrow(
        /does not extend its chain head|time of its transaction/,
      );
      await expect(insert(3, head?.hash ?? '', new Date(Date.now() - 86_400_000).toISOString())).rejects.toThrow(
        /time of its transaction/,
      );
      await expect(verify(chain)).resolves.toMatchObject({ ok: true });
    });

    it('even the owner cannot move a head backwards without switching the triggers off', async () => {
      await expect(owner.query(`UPDATE audit_chain_heads SET seq = 1 WHERE chain_key = $1`, [chain])).rejects.toThrow(
        /only move forward/,
      );
      await expect(owner.query(`DELETE FROM audit_chain_heads WHERE chain_key = $1`, [chain])).rejects.toThrow(
        /only move forward/,
      );
      await expect(owner.query(`UPDATE audit_entries SET action = 'x' WHERE chain_key = $1`, [chain])).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_chain_heads`)).rejects.toThrow(/only move forward/);
    });
  });

  describe('signed checkpoints outside the database', () => {
    it('signs the heads, then only the heads that moved; verify reports what is covered and what is newer', async () => {
      const chain = await newChain(3);
      const first = await checkpointer.checkpoint();
      expect(first).toMatchObject({ written: true, refused: [] });
      await expect(verify(chain)).resolves.toMatchObject({
        ok: true,
        anchor: { covered: { chains: 1, entries: 3 }, newer: { chains: 0, entries: 0 } },
      });

      await appendTo(chain, 4);
      await expect(verify(chain)).resolves.toMatchObject({
        ok: true,
        anchor: { covered: { entries: 3 }, newer: { entries: 1 } },
      });
      const second = await checkpointer.checkpoint();
      expect(second.written).toBe(true);
      const lines = new AuditCheckpointStore(config.audit).lines();
      const last = JSON.parse(lines[lines.length - 1] ?? '{}') as {
        changed: [string, number, string][];
        keyId: string;
        signature: string;
      };
      expect(last.changed).toContainEqual([chain, 4, expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect(last.signature).toEqual(expect.any(String));
      await expect(verify(chain)).resolves.toMatchObject({
        ok: true,
        anchor: { covered: { entries: 4 }, newer: { entries: 0 } },
      });
    });

    it('a checkpoint line edited in the file no longer checks with the key', async () => {
      const chain = await newChain(1);
      await checkpointer.checkpoint();
      const file = config.audit.checkpointFile;
      const original = readFileSync(file, 'utf8');
      try {
        writeFileSync(
          file,
          original.replace(/"entries":(\d+)/, (_m, n: string) => `"entries":${Number(n) + 1}`),
        );
        const result = await verify(chain);
        expect(result.ok).toBe(false);
        expect(result.problems).toContainEqual(
          expect.objectContaining({ problem: expect.stringContaining('signature does not check') }),
        );
      } finally {
        writeFileSync(file, original);
      }
    });
  });

  describe('tampering as the owner, after a signed checkpoint', () => {
    const detected = new Map<string, boolean>();

    it.each(TAMPERINGS)('detects %s', async (kind, tamper, problem, chainAloneCatchesIt) => {
      const chain = await newChain(4);
      await checkpointer.checkpoint();
      await expect(verify(chain)).resolves.toMatchObject({ ok: true });
      // Tamper inside a transaction that is rolled back, so the shared run database stays intact.
      const runner = owner.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(`SET LOCAL session_replication_role = replica`);
        await tamper(runner, chain);
        const result = await verifyAnchoredAuditTrail(runner.manager, config.audit, chain);
        detected.set(kind, !result.ok);
        expect(result.ok).toBe(false);
        expect(result.problems).toContainEqual(expect.objectContaining({ problem: expect.stringMatching(problem) }));
        // Without the checkpoints, a consistent rewrite looks like a sound chain: what the anchors add.
        await expect(verifyAuditTrail(runner.manager, chain)).resolves.toMatchObject({ ok: !chainAloneCatchesIt });
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      await expect(verify(chain)).resolves.toMatchObject({ ok: true });
    });

    it('detection rate: every kind of tampering is caught', () => {
      const caught = [...detected.values()].filter(Boolean).length;
      console.log(`audit tamper detection: ${caught}/${TAMPERINGS.length} kinds detected`);
      expect(detected.size).toBe(TAMPERINGS.length);
      expect(caught).toBe(TAMPERINGS.length);
    });
  });
});
