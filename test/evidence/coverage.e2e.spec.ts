import { AUDIT_CLAUSE_IDS } from '@ambidex/audits';
import { TestApp } from '../support/test-app';
import {
  EvidenceOverview,
  EvidencePeople,
  evidencePeople,
  overviewUrl,
  raisedNonconformity,
  signedAudit,
  today,
} from './support';

/**
 * The evidence index and coverage report through the API on a database with known gaps: only a nonconformity and a
 * signed internal audit exist, so every other clause of the catalogue must be reported missing, and nothing else.
 */
describe('evidence for auditors: coverage (real PostgreSQL + Redis)', () => {
  let app: TestApp;
  let people: EvidencePeople;
  let ncId: string;
  let auditId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    people = await evidencePeople(app);
    ncId = await raisedNonconformity(app, people.lead);
    auditId = await signedAudit(app, people);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const overview = async (from = today(), to = today()): Promise<EvidenceOverview> => {
    const response = await app.request({ url: overviewUrl(from, to), token: people.auditor.token });
    expect(response.status).toBe(200);
    return response.json<EvidenceOverview>();
  };

  it('reports exactly the clauses without evidence in the period', async () => {
    const report = await overview();
    const covered = ['ISO56001-9.2', 'ISO9001-9.2', 'ISO9001-10.2'];
    expect(report.missing.map((c) => c.id).sort()).toEqual(AUDIT_CLAUSE_IDS.filter((c) => !covered.includes(c)).sort());
    expect(report.clauses.map((c) => c.id)).toEqual(AUDIT_CLAUSE_IDS);
    for (const id of covered) expect(report.clauses.find((c) => c.id === id)?.recordCount).toBeGreaterThan(0);
    // The clauses being built alongside are in the catalogue, and missing until their records exist.
    expect(report.missing.map((c) => c.id)).toEqual(
      expect.arrayContaining(['ISO56001-9.3', 'ISO9001-9.3', 'ISO9001-10.3', 'ISO9001-9.1.2']),
    );
  });

  it('files each record under its clause with its console link, hash and signatures', async () => {
    const report = await overview();
    const capa = report.clauses.find((c) => c.id === 'ISO9001-10.2')!;
    expect(capa.records).toEqual([
      expect.objectContaining({ action: 'nonconformity.raised', link: `/nonconformities/${ncId}`, signatures: 0 }),
    ]);
    const audit = report.clauses.find((c) => c.id === 'ISO9001-9.2')!;
    expect(audit.records.every((r) => r.link === `/audits/${auditId}` && /^[0-9a-f]{64}$/.test(r.contentHash))).toBe(
      true,
    );
    const signedEntry = audit.records.find((r) => r.action === 'internal-audit.signed');
    expect(signedEntry?.signatures).toBe(1);
    expect(audit.records.map((r) => r.action)).toEqual(
      expect.arrayContaining(['internal-audit.planned', 'internal-audit.started', 'internal-audit.signed']),
    );
  });

  it('a period before the records has no evidence at all', async () => {
    const report = await overview('2020-01-01', '2020-12-31');
    expect(report.recordCount).toBe(0);
    expect(report.missing.map((c) => c.id)).toEqual(AUDIT_CLAUSE_IDS);
  });

  it('the PDF is served as application/pdf, recorded with its SHA-256 and written to the audit trail', async () => {
    const exportsBefore = await app.count('evidence_exports');
    const response = await app.request({
      url: `/api/evidence/export.pdf?from=${today()}&to=${today()}`,
      token: people.quality.token,
    });
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toContain('application/pdf');
    expect(response.body.startsWith('%PDF-')).toBe(true);
    expect(await app.count('evidence_exports')).toBe(exportsBefore + 1);
    const [recorded] = (await app.dataSource.query(
      `SELECT e.sha256, e.format, e.exported_by, e.missing_clauses, a.action
         FROM evidence_exports e JOIN audit_entries a ON a.entity_type = 'evidence_export' AND a.entity_id = e.id::text
        ORDER BY e.exported_at DESC LIMIT 1`,
    )) as { sha256: string; format: string; exported_by: string; missing_clauses: string[]; action: string }[];
    expect(recorded).toMatchObject({
      sha256: response.headers['x-evidence-sha256'],
      format: 'pdf',
      exported_by: people.quality.id,
      action: 'evidence.exported',
    });
    expect(recorded!.missing_clauses).toContain('ISO9001-7.2');
  });

  it('auditors, quality heads and leadership may read and export; everyone else is refused (403)', async () => {
    const urls = [
      overviewUrl(today(), today()),
      `/api/evidence/export.pdf?from=${today()}&to=${today()}`,
      `/api/evidence/export.zip?from=${today()}&to=${today()}`,
    ];
    for (const user of [people.lead, people.gatekeeper, people.admin])
      for (const url of urls) expect((await app.request({ url, token: user.token })).status).toBe(403);
    for (const url of urls) expect((await app.request({ url })).status).toBe(401);
    for (const user of [people.auditor, people.quality, people.leadership])
      expect((await app.request({ url: urls[2]!, token: user.token })).status).toBe(200);
  }, 60_000);

  it('bad ranges are refused with 422 naming the field, and record nothing', async () => {
    const exportsBefore = await app.count('evidence_exports');
    const entriesBefore = await app.count('audit_entries');
    const cases: [string, string][] = [
      ['from=2026-03-02&to=2026-03-01', 'from'],
      ['from=garbage&to=2026-03-01', 'from'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-01-01&to=2026-13-01', 'to'],
      ['from=2026-01-01', 'to'],
      ['to=2026-01-01', 'from'],
      ['from=2000-01-01&to=2026-01-01', 'to'],
      ['from=%27%3B--&to=2026-01-01', 'from'],
    ];
    for (const [query, field] of cases)
      for (const path of ['/api/evidence', '/api/evidence/export.pdf', '/api/evidence/export.zip']) {
        const response = await app.request({ url: `${path}?${query}`, token: people.auditor.token });
        expect({ query, path, status: response.status }).toEqual({ query, path, status: 422 });
        expect(String(response.headers['content-type'])).toContain('application/problem+json');
        const problem = response.json<{ errors?: { field: string }[] }>();
        expect(problem.errors?.map((e) => e.field)).toContain(field);
      }
    expect(await app.count('evidence_exports')).toBe(exportsBefore);
    expect(await app.count('audit_entries')).toBe(entriesBefore);
  }, 60_000);

  it('an export record is permanent: the database refuses to change or delete it', async () => {
    const [row] = (await app.dataSource.query(`SELECT id FROM evidence_exports LIMIT 1`)) as { id: string }[];
    await expect(
      app.dataSource.query(`UPDATE evidence_exports SET sha256 = repeat('0', 64) WHERE id = $1`, [row!.id]),
    ).rejects.toThrow();
    await expect(app.dataSource.query(`DELETE FROM evidence_exports WHERE id = $1`, [row!.id])).rejects.toThrow();
  });
});
