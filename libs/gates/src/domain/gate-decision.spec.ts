import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio/domain';
import fc from 'fast-check';
import { decideGate, RECYCLE_MARGIN, Scorecard, validateScorecard } from './gate-decision';

const G1 = DEFAULT_PROCESS_MODEL.gates.G1; // weights 3, 2, 2; pass mark 6

function card(gatekeeperId: string, scores: number[], strategicFit = true): Scorecard {
  return {
    gatekeeperId,
    mustMeet: [{ key: 'strategic_fit', pass: strategicFit, comment: strategicFit ? '' : 'no objective fits' }],
    shouldMeet: G1.shouldMeet.map((c, i) => ({ key: c.key, score: scores[i] ?? 0 })),
  };
}

describe('decideGate', () => {
  it('passes on a weighted mean at the pass mark with no knock-outs', () => {
    const outcome = decideGate(
      G1,
      [{ key: 'deliverables_complete', pass: true, detail: '' }],
      [card('a', [6, 6, 6]), card('b', [6, 6, 6])],
    );
    expect(outcome).toMatchObject({ passed: true, weightedMean: 6, proposal: 'go', knockOuts: [] });
  });

  it('weights the criteria: (3×8 + 2×4 + 2×4) / 7', () => {
    expect(decideGate(G1, [], [card('a', [8, 4, 4])]).weightedMean).toBe(5.71);
  });

  it('one failed must-meet by one gatekeeper knocks the gate out, whatever the scores', () => {
    const outcome = decideGate(G1, [], [card('a', [10, 10, 10]), card('b', [10, 10, 10], false)]);
    expect(outcome).toMatchObject({
      passed: false,
      proposal: 'recycle',
      knockOuts: [{ key: 'strategic_fit', by: 'b', comment: 'no objective fits' }],
    });
  });

  it('a must-meet failed by the data knocks the gate out', () => {
    const outcome = decideGate(
      G1,
      [{ key: 'deliverables_complete', pass: false, detail: '1 open' }],
      [card('a', [9, 9, 9])],
    );
    expect(outcome.knockOuts).toEqual([{ key: 'deliverables_complete', by: 'data', comment: '1 open' }]);
    expect(outcome.passed).toBe(false);
  });

  it('proposes kill far below the pass mark and recycle within the margin', () => {
    expect(decideGate(G1, [], [card('a', [1, 1, 1])]).proposal).toBe('kill');
    expect(decideGate(G1, [], [card('a', [5, 5, 5])]).proposal).toBe('recycle');
  });

  it('passes exactly when there is no knock-out and the mean reaches the pass mark', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }), fc.boolean()), {
          minLength: 1,
          maxLength: 6,
        }),
        (cards) => {
          const scorecards = cards.map(([scores, fit], i) => card(`g${i}`, scores, fit));
          const outcome = decideGate(G1, [], scorecards);
          const knockedOut = cards.some(([, fit]) => !fit);
          expect(outcome.passed).toBe(!knockedOut && outcome.weightedMean >= G1.passMark);
          expect(outcome.weightedMean).toBeGreaterThanOrEqual(0);
          expect(outcome.weightedMean).toBeLessThanOrEqual(10);
          if (outcome.passed) expect(outcome.proposal).toBe('go');
          else expect(outcome.proposal).toBe(outcome.weightedMean >= G1.passMark - RECYCLE_MARGIN ? 'recycle' : 'kill');
        },
      ),
    );
  });
});

describe('validateScorecard', () => {
  it('accepts a complete card', () => {
    const { gatekeeperId: _, ...complete } = card('a', [5, 5, 5]);
    expect(validateScorecard(G1, complete)).toEqual([]);
  });

  it('names missing, duplicate, unknown and out-of-range entries', () => {
    const problems = validateScorecard(G1, {
      mustMeet: [{ key: 'strategic_fit', pass: false, comment: ' ' }],
      shouldMeet: [
        { key: 'problem_significance', score: 11 },
        { key: 'problem_significance', score: 3 },
        { key: 'made_up', score: 1 },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'mustMeet[0].comment', reason: 'a failed must-meet needs a comment' },
        { field: 'shouldMeet', reason: 'strategic_alignment is missing' },
        { field: 'shouldMeet', reason: 'problem_significance is given 2 times' },
        { field: 'shouldMeet', reason: 'made_up is not a criterion of this gate' },
        { field: 'shouldMeet[0].score', reason: 'must be an integer from 0 to 10' },
      ]),
    );
  });
});
