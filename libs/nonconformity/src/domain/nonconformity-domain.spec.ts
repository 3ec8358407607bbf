import { effectivenessJobId, ncNumber } from './nonconformity-rules';

describe('nonconformity rules', () => {
  it('numbers NC-0001 onwards, growing past four digits', () => {
    expect(ncNumber(1)).toBe('NC-0001');
    expect(ncNumber(42)).toBe('NC-0042');
    expect(ncNumber(12345)).toBe('NC-12345');
  });

  it('gives each scheduling round of an effectiveness check its own job id, valid for BullMQ (no colon)', () => {
    const first = effectivenessJobId('6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111', 1);
    expect(first).not.toContain(':');
    expect(effectivenessJobId('6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111', 2)).not.toBe(first);
  });
});
