import fc from 'fast-check';
import { assumptionStatusFrom, COMPARISONS, evaluateExperiment, ExperimentResult } from './experiment-result';

describe('evaluateExperiment', () => {
  const threshold = { metric: 'conversion', comparison: '>=' as const, value: 0.12, minimumSample: 200 };

  it.each([
    [0.12, 200, 'validated'],
    [0.2, 1000, 'validated'],
    [0.119, 500, 'invalidated'],
    [0.5, 199, 'inconclusive'],
  ])('conversion %p on n=%p is %s', (value, sampleSize, expected) => {
    expect(evaluateExperiment(threshold, { value, sampleSize })).toBe(expected);
  });

  it.each([
    ['>=', 5, 5, 'validated'],
    ['>', 5, 5, 'invalidated'],
    ['<=', 5, 5, 'validated'],
    ['<', 5, 5, 'invalidated'],
    ['<', 4, 5, 'validated'],
    ['>', 6, 5, 'validated'],
  ] as const)('%s: %p against %p is %s', (comparison, value, target, expected) => {
    expect(
      evaluateExperiment({ metric: 'm', comparison, value: target, minimumSample: 0 }, { value, sampleSize: 1 }),
    ).toBe(expected);
  });

  it('is inconclusive exactly when the sample is short', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPARISONS),
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true }),
        fc.nat(1000),
        fc.nat(1000),
        (comparison, target, value, minimumSample, sampleSize) => {
          const result = evaluateExperiment(
            { metric: 'm', comparison, value: target, minimumSample },
            { value, sampleSize },
          );
          return (result === 'inconclusive') === sampleSize < minimumSample;
        },
      ),
    );
  });
});

describe('assumptionStatusFrom', () => {
  it.each<[ExperimentResult[], string]>([
    [[], 'untested'],
    [['inconclusive'], 'inconclusive'],
    [['validated', 'inconclusive'], 'validated'],
    [['validated', 'invalidated'], 'invalidated'],
    [['invalidated', 'validated', 'inconclusive'], 'validated'],
  ])('%p gives %s', (results, expected) => {
    expect(assumptionStatusFrom(results)).toBe(expected);
  });
});
