import { buildEvidenceIndex, EvidenceEntry } from './evidence-index';
import { evidenceRange, MAX_RANGE_DAYS } from './evidence-range';
import { InvalidEvidenceRangeError } from './evidence.errors';
import { clausesOfAction, EVIDENCE_SOURCES, recordLink, signatureRefs } from './evidence-sources';

const entry = (action: string, over: Partial<EvidenceEntry> = {}): EvidenceEntry & { id: string } => ({
  id: String(Math.random()).slice(2),
  chainKey: 'x',
  seq: 1,
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
  occurredAt: '2026-05-01T10:00:00.000Z',
  actorId: null,
  actorLabel: 'system',
  action,
  entityType: 'nonconformity',
  entityId: 'nc-1',
  reason: null,
  before: null,
  after: null,
  requestId: null,
  ...over,
});

describe('evidence sources', () => {
  it('maps an action to every clause of every prefix it starts with', () => {
    expect(clausesOfAction('nonconformity.raised')).toEqual(['ISO9001-10.2']);
    expect(clausesOfAction('nonconformity.opportunity-raised')).toEqual(['ISO56001-8.3.2', 'ISO9001-10.2']);
    expect(clausesOfAction('qms.revision.approved')).toEqual(['ISO56001-7.5', 'ISO9001-7.5']);
    expect(clausesOfAction('management-review.signed')).toEqual(['ISO56001-9.3', 'ISO9001-9.3']);
    expect(clausesOfAction('lean.improvement-closed')).toEqual(['ISO9001-10.3']);
    expect(clausesOfAction('market.feedback-recorded')).toEqual(['ISO56001-9.1', 'ISO9001-9.1.2']);
    expect(clausesOfAction('identity.session.opened')).toEqual([]);
    expect(clausesOfAction('evidence.exported')).toEqual([]);
  });

  it('links a record to its console page; a handover entry to its package', () => {
    expect(recordLink({ entityType: 'internal_audit', entityId: 'a1', after: null })).toBe('/audits/a1');
    expect(recordLink({ entityType: 'initiative', entityId: 'i1', after: { packageId: 'p1' } })).toBe('/packages/p1');
    expect(recordLink({ entityType: 'user', entityId: 'u1', after: null })).toBeNull();
  });

  it('finds signatures on the record itself and on the records its entry names', () => {
    expect(
      signatureRefs({
        entityType: 'controlled_document',
        entityId: 'd1',
        after: { revisionId: 'r1', signatureId: 's1' },
      }),
    ).toEqual({ records: [{ recordType: 'document_revision', recordId: 'r1' }], signatureIds: ['s1'] });
    expect(signatureRefs({ entityType: 'nonconformity', entityId: 'n1', after: [] }).records).toEqual([
      { recordType: 'nonconformity', recordId: 'n1' },
    ]);
  });

  it('every prefix names at least one clause', () => {
    for (const source of EVIDENCE_SOURCES) expect(source.clauses.length).toBeGreaterThan(0);
  });
});

describe('evidence range', () => {
  it('takes whole UTC days, both included', () => {
    const range = evidenceRange('2026-01-01', '2026-12-31');
    expect(range.start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(range.end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it.each([
    ['2026-03-02', '2026-03-01', 'from'],
    ['garbage', '2026-03-01', 'from'],
    ['2026-02-29', '2026-03-01', 'from'],
    ['2026-01-01', '2026-1-5', 'to'],
    [undefined, '2026-01-01', 'from'],
    [20260101, '2026-01-01', 'from'],
    ['2020-01-01', '2026-01-01', 'to'],
  ])('refuses from=%s to=%s, naming %s', (from, to, field) => {
    try {
      evidenceRange(from, to);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEvidenceRangeError);
      expect((error as InvalidEvidenceRangeError).fields.map((f) => f.field)).toContain(field);
    }
  });

  it(`accepts exactly ${MAX_RANGE_DAYS} days`, () => {
    const end = new Date(Date.UTC(2024, 0, 1) + (MAX_RANGE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    expect(evidenceRange('2024-01-01', end).to).toBe(end);
  });
});

describe('evidence index', () => {
  const catalogue = [
    { id: 'ISO9001-10.2', title: '10.2' },
    { id: 'ISO56001-8.3.2', title: '8.3.2' },
    { id: 'ISO9001-9.3', title: '9.3' },
  ];

  it('files records under the catalogue clauses and reports the clauses with none', () => {
    const raised = entry('nonconformity.raised');
    const opportunity = entry('nonconformity.opportunity-raised');
    const index = buildEvidenceIndex({
      from: '2026-01-01',
      to: '2026-12-31',
      generatedAt: new Date('2027-01-02T00:00:00Z'),
      catalogue,
      entries: [raised, opportunity, entry('identity.user.created')],
      signaturesOf: () => [],
    });
    expect(index.clauses.map((c) => [c.id, c.records])).toEqual([
      ['ISO9001-10.2', [raised.id, opportunity.id]],
      ['ISO56001-8.3.2', [opportunity.id]],
      ['ISO9001-9.3', []],
    ]);
    expect(index.missing).toEqual([{ id: 'ISO9001-9.3', title: '9.3' }]);
    expect(index.records.map((r) => r.id)).toEqual([raised.id, opportunity.id]);
    expect(index.records[0]).toMatchObject({ link: '/nonconformities/nc-1', contentHash: 'a'.repeat(64) });
  });
});
