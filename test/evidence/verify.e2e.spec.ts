import { readZipArchive, zipArchive } from '@ambidex/evidence';
import { hashAuditEntry } from '@ambidex/platform';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '../support/test-app';
import { EvidencePeople, evidencePeople, raisedNonconformity, signedAudit, today } from './support';

interface RecordFile {
  contentHash: string;
  signatures: { id: string; signedHash: string }[];
  entry: Parameters<typeof hashAuditEntry>[1] & { prevHash: string; hash: string };
}

/**
 * An auditor's check of an export: `npm run audit:verify -- --evidence <zip>` re-hashes every record and finds it in
 * the trail. An untouched export passes; a changed record, or one forged with a fresh hash, fails with exit code 1.
 */
describe('evidence for auditors: the ZIP verifies against the audit trail (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let people: EvidencePeople;
  let dir: string;
  let zip: Buffer;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    people = await evidencePeople(app);
    await raisedNonconformity(app, people.lead);
    await signedAudit(app, people);
    dir = mkdtempSync(join(tmpdir(), 'evidence-verify-'));
    // Fastify's inject directly: TestApp's response keeps the body as text, which would mangle the archive's bytes.
    const response = await app.app.inject({
      url: `/api/evidence/export.zip?from=${today()}&to=${today()}`,
      headers: { authorization: `Bearer ${people.auditor.token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-type'])).toContain('application/zip');
    zip = response.rawPayload;
  }, 120_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app?.close();
  });

  /** The command an auditor runs, on this suite's database. */
  const verify = (file: Buffer, name: string): { status: number | null; out: string } => {
    const path = join(dir, name);
    writeFileSync(path, file);
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/audit-verify.ts', '--evidence', path],
      // eslint-disable-next-line no-restricted-syntax -- the child needs PATH and the run's settings, with this database
      { env: { ...process.env, DATABASE_URL: app.config.database.url ?? '' }, encoding: 'utf8', timeout: 120_000 },
    );
    return { status: run.status, out: `${run.stdout}${run.stderr}` };
  };

  const rewritten = (change: (record: RecordFile) => void): Promise<Buffer> => {
    const files = readZipArchive(zip);
    const target = files.find((f) => f.name.startsWith('records/') && f.data.includes('"nonconformity.raised"'))!;
    const record = JSON.parse(target.data.toString('utf8')) as RecordFile;
    change(record);
    target.data = Buffer.from(JSON.stringify(record));
    return zipArchive(files);
  };

  it('holds one JSON per record, an index by clause and the coverage report', () => {
    const names = readZipArchive(zip).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['index.json', 'coverage.json']));
    const index = JSON.parse(
      readZipArchive(zip)
        .find((f) => f.name === 'index.json')!
        .data.toString(),
    ) as {
      clauses: { id: string; records: string[] }[];
    };
    const referenced = new Set(index.clauses.flatMap((c) => c.records));
    expect([...referenced].sort()).toEqual(names.filter((n) => n.startsWith('records/')).sort());
    expect(index.clauses.find((c) => c.id === 'ISO9001-10.2')?.records.length).toBe(1);
  });

  it('an untouched export verifies: every record hash is in the trail and every signature on record', () => {
    const result = verify(zip, 'evidence.zip');
    // The nonconformity raised and the audit's four entries; the audit report's signature is listed on each of those.
    expect(result.out).toMatch(/OK: 5 records and 4 signatures/);
    expect(result.status).toBe(0);
  }, 120_000);

  it('a changed record fails the command (exit 1) and is named', async () => {
    const result = verify(
      await rewritten((r) => {
        r.entry.actorLabel = 'Someone Else';
      }),
      'changed.zip',
    );
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/MISMATCH records\/\d+\.json: the entry does not hash to its stated hash/);
    expect(result.out).toContain('TAMPERED');
  }, 120_000);

  it('a record forged with a fresh hash still fails: the trail holds another hash there', async () => {
    const result = verify(
      await rewritten((r) => {
        r.entry.reason = 'backdated';
        const { prevHash, hash: _hash, ...facts } = r.entry;
        r.entry.hash = hashAuditEntry(prevHash, facts);
        r.contentHash = r.entry.hash;
      }),
      'forged.zip',
    );
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/the audit trail holds another hash at nonconformity:/);
  }, 120_000);
});
