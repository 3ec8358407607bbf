import fc from 'fast-check';
import { EcvInputs, expectedCommercialValue } from './ecv';

const full: EcvInputs = {
  npv: 1_000_000,
  probabilityCommercial: 0.5,
  probabilityTechnical: 0.8,
  commercializationCost: 100_000,
  remainingDevelopmentCost: 50_000,
};

describe('expectedCommercialValue', () => {
  it('applies ((NPV × Pcs − C) × Pts) − D', () => {
    // (1,000,000 × 0.5 − 100,000) × 0.8 − 50,000 = 270,000
    expect(expectedCommercialValue(full)).toBe(270_000);
  });

  it('can be negative when costs outweigh the expected value', () => {
    expect(expectedCommercialValue({ ...full, npv: 100_000 })).toBe(-50_000 - 40_000);
  });

  it('rounds to the cent', () => {
    expect(
      expectedCommercialValue({
        ...full,
        npv: 1000.01,
        probabilityCommercial: 0.333,
        commercializationCost: 0,
        remainingDevelopmentCost: 0,
        probabilityTechnical: 1,
      }),
    ).toBe(333);
  });

  it.each(Object.keys(full) as (keyof EcvInputs)[])('is null when %s is missing', (field) => {
    expect(expectedCommercialValue({ ...full, [field]: null })).toBeNull();
  });

  it('never returns NaN or -0 for finite inputs, and grows with NPV when both probabilities are positive', () => {
    const money = fc.double({ min: 0, max: 1e12, noNaN: true });
    const probability = fc.double({ min: 0.001, max: 1, noNaN: true });
    fc.assert(
      fc.property(money, money, probability, probability, money, money, (npv, more, pcs, pts, c, d) => {
        const base = expectedCommercialValue({
          npv,
          probabilityCommercial: pcs,
          probabilityTechnical: pts,
          commercializationCost: c,
          remainingDevelopmentCost: d,
        });
        const higher = expectedCommercialValue({
          npv: npv + more,
          probabilityCommercial: pcs,
          probabilityTechnical: pts,
          commercializationCost: c,
          remainingDevelopmentCost: d,
        });
        expect(Number.isFinite(base)).toBe(true);
        expect(Object.is(base, -0)).toBe(false);
        expect(higher as number).toBeGreaterThanOrEqual(base as number);
      }),
    );
  });
});
