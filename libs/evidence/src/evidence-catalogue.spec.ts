import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_CATALOGUE } from './evidence-catalogue';
import { EVIDENCE_SOURCES } from './domain/evidence-sources';

/** One catalogue: a mapping line naming a clause the catalogue lacks would evidence nothing, silently. */
describe('evidence catalogue', () => {
  it('every clause of the mapping is in the one clause catalogue', () => {
    const known = new Set(EVIDENCE_CATALOGUE.map((c) => c.id));
    expect(EVIDENCE_SOURCES.flatMap((s) => s.clauses).filter((c) => !known.has(c))).toEqual([]);
  });

  it('the clause map of docs/PRODUCT.md names every clause of the catalogue', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/PRODUCT.md'), 'utf8');
    const missing = EVIDENCE_CATALOGUE.filter((c) => !doc.includes(`\`${c.id}\``)).map((c) => c.id);
    expect(missing).toEqual([]);
  });
});
