import { draftOfShares, formatShares, HORIZON_BUCKETS, sharesOfDraft, sumOfDraft } from './shares';

describe('balance target shares', () => {
  it('round-trips between the API and the form', () => {
    const draft = draftOfShares({ core: 70, adjacent: 20, transformational: 10 });
    expect(draft).toEqual({ core: '70', adjacent: '20', transformational: '10' });
    expect(sharesOfDraft(draft)).toEqual({ core: 70, adjacent: 20, transformational: 10 });
  });

  it('sends an empty box as not-a-number, so the API names it', () => {
    expect(Number.isNaN(sharesOfDraft({ H1: '', H2: '50', H3: '50' }).H1)).toBe(true);
  });

  it('sums to a thousandth, and says nothing while a box is empty or not a number', () => {
    expect(sumOfDraft({ a: '33.3', b: '33.3', c: '33.4' })).toBe(100);
    expect(sumOfDraft({ a: '60', b: '20', c: '10' })).toBe(90);
    expect(sumOfDraft({ a: '', b: '20', c: '10' })).toBeNull();
    expect(sumOfDraft({ a: 'x', b: '20', c: '10' })).toBeNull();
  });

  it('shows shares in bucket order', () => {
    expect(formatShares({ H3: 10, H1: 70, H2: 20 }, HORIZON_BUCKETS)).toBe('70 / 20 / 10');
  });
});
