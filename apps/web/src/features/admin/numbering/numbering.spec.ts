import { previewNumber, schemeChanges } from './numbering';

describe('numbering scheme form', () => {
  it('previews the next number as the API formats it', () => {
    expect(previewNumber('SOP', '4', '7')).toBe('SOP-0007');
    expect(previewNumber('QP', '2', '123')).toBe('QP-123');
  });

  it('previews nothing while a value is not one the API takes', () => {
    expect(previewNumber('sop', '4', '7')).toBeNull();
    expect(previewNumber('SOP', '11', '7')).toBeNull();
    expect(previewNumber('SOP', '4', '0')).toBeNull();
    expect(previewNumber('SOP', '', '7')).toBeNull();
  });

  it('sends only what changed', () => {
    const before = { prefix: 'SOP', padding: 4, nextValue: 7 };
    expect(schemeChanges(before, { prefix: 'SOP', padding: '4', nextValue: '7' })).toEqual({});
    expect(schemeChanges(before, { prefix: 'QP', padding: '4', nextValue: '20' })).toEqual({
      prefix: 'QP',
      nextValue: 20,
    });
    expect(schemeChanges(before, { prefix: 'SOP', padding: '5', nextValue: '7' })).toEqual({ padding: 5 });
  });
});
