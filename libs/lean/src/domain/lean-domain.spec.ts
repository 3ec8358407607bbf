import fc from 'fast-check';
import { improvementNumber, measurementJobId, measurementPeriod, periodStart } from './lean-rules';
import { measuredEffect, stepProblems, ValueStreamStep, valueStreamFigures } from './value-stream';

const step = fc.record({
  name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
  processTime: fc.double({ min: 0, max: 10_000, noNaN: true }),
  waitingTime: fc.double({ min: 0, max: 10_000, noNaN: true }),
  percentCompleteAccurate: fc.double({ min: 0, max: 100, noNaN: true }),
});

describe('value-stream figures', () => {
  it('adds a worked example up: lead time, process time, flow efficiency, rolled %C&A', () => {
    const steps: ValueStreamStep[] = [
      { name: 'Intake', processTime: 10, waitingTime: 50, percentCompleteAccurate: 90 },
      { name: 'Review', processTime: 20, waitingTime: 100, percentCompleteAccurate: 80 },
      { name: 'Release', processTime: 10, waitingTime: 10, percentCompleteAccurate: 100 },
    ];
    const figures = valueStreamFigures(steps);
    expect(figures.leadTime).toBe(200);
    expect(figures.processTime).toBe(40);
    expect(figures.flowEfficiency).toBeCloseTo(0.2);
    expect(figures.rolledPercentCompleteAccurate).toBeCloseTo(0.72);
  });

  it('has no flow efficiency when nothing takes time (no division by zero)', () => {
    expect(
      valueStreamFigures([{ name: 'a', processTime: 0, waitingTime: 0, percentCompleteAccurate: 100 }]).flowEfficiency,
    ).toBeNull();
  });

  it('keeps flow efficiency and rolled %C&A within [0, 1] and process time within lead time', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => {
        const f = valueStreamFigures(steps);
        expect(f.processTime).toBeLessThanOrEqual(f.leadTime + 1e-9);
        if (f.flowEfficiency !== null) {
          expect(f.flowEfficiency).toBeGreaterThanOrEqual(0);
          expect(f.flowEfficiency).toBeLessThanOrEqual(1 + 1e-9);
        }
        expect(f.rolledPercentCompleteAccurate).toBeGreaterThanOrEqual(0);
        expect(f.rolledPercentCompleteAccurate).toBeLessThanOrEqual(1 + 1e-9);
        expect(stepProblems(steps)).toEqual([]);
      }),
    );
  });

  it('does not depend on the order of the steps for its sums', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 10 }), (steps) => {
        const forward = valueStreamFigures(steps);
        const backward = valueStreamFigures([...steps].reverse());
        expect(backward.leadTime).toBeCloseTo(forward.leadTime, 6);
        expect(backward.processTime).toBeCloseTo(forward.processTime, 6);
      }),
    );
  });

  it('rolls %C&A down when a step is added (never up)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 10 }), step, (steps, extra) => {
        expect(valueStreamFigures([...steps, extra]).rolledPercentCompleteAccurate).toBeLessThanOrEqual(
          valueStreamFigures(steps).rolledPercentCompleteAccurate + 1e-12,
        );
      }),
    );
  });

  it('names the field of each bad step', () => {
    expect(stepProblems([])).toEqual([{ field: 'steps', reason: expect.any(String) }]);
    expect(
      stepProblems([
        { name: 'ok', processTime: 1, waitingTime: 1, percentCompleteAccurate: 50 },
        { name: ' ', processTime: -1, waitingTime: Number.NaN, percentCompleteAccurate: 101 },
      ]).map((p) => p.field),
    ).toEqual(['steps[1].name', 'steps[1].processTime', 'steps[1].waitingTime', 'steps[1].percentCompleteAccurate']);
  });

  it('measures an effect as after minus before', () => {
    expect(measuredEffect({ leadTime: 200, flowEfficiency: 0.2 }, { leadTime: 120, flowEfficiency: 0.3 })).toEqual({
      before: { leadTime: 200, flowEfficiency: 0.2 },
      after: { leadTime: 120, flowEfficiency: 0.3 },
      leadTimeDelta: -80,
      flowEfficiencyDelta: expect.closeTo(0.1, 9),
    });
    expect(measuredEffect({ leadTime: 0, flowEfficiency: null }, { leadTime: 5, flowEfficiency: 1 })).toMatchObject({
      flowEfficiencyDelta: null,
    });
  });
});

describe('lean rules', () => {
  it('numbers improvement events KZ-0001 onwards', () => {
    expect(improvementNumber(1)).toBe('KZ-0001');
    expect(improvementNumber(12345)).toBe('KZ-12345');
  });

  it('puts every instant in the period that starts at or before it, and names each job without a colon', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 1_000, max: 1e10 }), (t, every) => {
        const p = measurementPeriod(new Date(t), every);
        expect(periodStart(p, every).getTime()).toBeLessThanOrEqual(t);
        expect(periodStart(p + 1, every).getTime()).toBeGreaterThan(t);
      }),
    );
    expect(measurementJobId('6a3c3c9e-3f0e-4a38-9d1e-2f1d54a0c111', 7)).not.toContain(':');
  });
});
