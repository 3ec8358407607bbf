import { returnedId } from './returned-rows';

describe('the id an INSERT … RETURNING gave back', () => {
  it('is the first row’s id', () => {
    expect(returnedId([{ id: 'a1' }, { id: 'b2' }], 'a portfolio')).toBe('a1');
  });

  it.each([
    ['no rows', []],
    ['a row without an id', [{}]],
    ['an empty id', [{ id: '' }]],
    ['a non-text id', [{ id: 42 }]],
    ['no result at all', undefined],
  ])('fails loudly, naming what was inserted, when there are %s', (_case, rows) => {
    expect(() => returnedId(rows, 'a handover package')).toThrow('Inserting a handover package returned no id');
  });
});
