import { filtersOf, linesOf, subjectPath } from './nonconformity-labels';

describe('nonconformity labels', () => {
  it('reads known filters from the address and drops unknown ones', () => {
    expect(filtersOf(new URLSearchParams('status=open&severity=huge&source=supplier'))).toEqual({
      status: 'open',
      source: 'supplier',
    });
  });

  it('links the subjects the console has pages for', () => {
    expect(subjectPath('controlled_document', 'd1')).toBe('/documents/d1');
    expect(subjectPath('process_record', 'p1')).toBeNull();
    expect(subjectPath(null, null)).toBeNull();
  });

  it('takes one entry a line, trimmed, without blank lines', () => {
    expect(linesOf(' first \n\n second\n')).toEqual(['first', 'second']);
  });
});
