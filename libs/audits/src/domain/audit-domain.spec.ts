import { AUDIT_CLAUSE_IDS, auditNumber, clauseTitle, raisesNonconformity } from './audit-rules';

describe('internal audit rules', () => {
  it('numbers audits with four digits at least', () => {
    expect(auditNumber(7)).toBe('AUD-0007');
    expect(auditNumber(12345)).toBe('AUD-12345');
  });
  it('knows each clause once, with its title', () => {
    expect(new Set(AUDIT_CLAUSE_IDS).size).toBe(AUDIT_CLAUSE_IDS.length);
    expect(clauseTitle('ISO9001-9.2')).toBe('ISO 9001 9.2 Internal audit');
  });
  it('raises a nonconformity for minor and major findings only', () => {
    expect(['conformity', 'observation', 'minor', 'major'].map((k) => raisesNonconformity(k as never))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});
