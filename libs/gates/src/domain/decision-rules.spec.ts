import { Decision, DECISIONS } from '@ambidex/portfolio/domain';
import {
  DecisionContext,
  decisionContextRefusal,
  decisionInputRefusal,
  decisionRefusal,
  DecisionRequest,
} from './decision-rules';
import { REVIEW_STATUSES } from './review-status';

const NOW = new Date('2026-06-01T12:00:00Z');
const HOLDS = {
  none: undefined,
  past: new Date('2026-05-31T12:00:00Z'),
  now: NOW,
  future: new Date('2026-07-01T12:00:00Z'),
};
const REASONS = { none: undefined, blank: '  ', given: 'the market moved' };
const CONDITIONS = { none: [], given: [{ text: 'sign the pilot customer' }] };

/** Who decides, against a review chaired by "chair" on an initiative owned by "owner". */
const DECIDERS = {
  chair: { chairId: 'chair', ownerId: 'owner', deciderId: 'chair' },
  'chair who owns the initiative': { chairId: 'chair', ownerId: 'chair', deciderId: 'chair' },
  'another gatekeeper': { chairId: 'chair', ownerId: 'owner', deciderId: 'gatekeeper' },
  'anyone, with no chair': { chairId: null, ownerId: 'owner', deciderId: 'gatekeeper' },
};
const OUTCOMES = { passed: true, failed: false, 'not computed': null };

type Expected = { code: string; kind: string; message: string; fields: { field: string; reason: string }[] } | null;
const invalid = (field: string, reason: string): Expected => ({
  code: 'GATES.INVALID_DECISION',
  kind: 'invalid',
  message: reason,
  fields: [{ field, reason }],
});
const NOT_CHAIR: Expected = {
  code: 'GATES.NOT_CHAIR',
  kind: 'forbidden',
  message: 'Only the chair of this gate review may decide it',
  fields: [],
};
const NOT_AWAITING: Expected = {
  code: 'GATES.REVIEW_NOT_AWAITING_DECISION',
  kind: 'conflict',
  message: 'The review is not awaiting a decision (not all scorecards are in, or it was decided already)',
  fields: [],
};
const NOT_PASSED: Expected = {
  code: 'GATES.GATE_NOT_PASSED',
  kind: 'conflict',
  message: 'The gate did not pass (a must-meet failed or the score is below the pass mark): Go is not possible',
  fields: [],
};

/** The input each decision requires, and the inputs only one decision may carry, in the order they are checked. */
const REQUIRES_REASON: Decision[] = ['kill'];
const GOES: Decision[] = ['go', 'conditional_go'];

function expectedForInputs(
  decision: Decision,
  reason: keyof typeof REASONS,
  conditions: keyof typeof CONDITIONS,
  hold: keyof typeof HOLDS,
): Expected {
  if (REQUIRES_REASON.includes(decision) && reason !== 'given') return invalid('reason', 'a Kill needs a reason');
  if (decision === 'conditional_go' && conditions === 'none')
    return invalid('conditions', 'a Conditional Go needs at least one condition');
  if (decision !== 'conditional_go' && conditions === 'given')
    return invalid('conditions', 'only a Conditional Go has conditions');
  if (decision === 'hold' && hold !== 'future')
    return invalid('holdUntil', 'a Hold needs an expiry date in the future');
  if (decision !== 'hold' && hold !== 'none') return invalid('holdUntil', 'only a Hold has an expiry date');
  return null;
}

function expectedForContext(
  decision: Decision,
  decider: keyof typeof DECIDERS,
  status: string,
  outcome: keyof typeof OUTCOMES,
): Expected {
  if (decider !== 'chair') return NOT_CHAIR;
  if (status !== 'awaiting_decision') return NOT_AWAITING;
  if (GOES.includes(decision) && outcome !== 'passed') return NOT_PASSED;
  return null;
}

function shape(error: ReturnType<typeof decisionRefusal>): Expected {
  return error === null ? null : { code: error.code, kind: error.kind, message: error.message, fields: error.fields };
}

function request(
  decision: Decision,
  reason: keyof typeof REASONS,
  conditions: keyof typeof CONDITIONS,
  hold: keyof typeof HOLDS,
): DecisionRequest {
  return { decision, reason: REASONS[reason], conditions: CONDITIONS[conditions], holdUntil: HOLDS[hold] };
}

function context(
  decider: keyof typeof DECIDERS,
  status: DecisionContext['status'],
  outcome: keyof typeof OUTCOMES,
): DecisionContext {
  return { ...DECIDERS[decider], status, passed: OUTCOMES[outcome] };
}

const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T)[];

const inputCells = DECISIONS.flatMap((decision) =>
  keys(REASONS).flatMap((reason) =>
    keys(CONDITIONS).flatMap((conditions) => keys(HOLDS).map((hold) => [decision, reason, conditions, hold] as const)),
  ),
);
const contextCells = DECISIONS.flatMap((decision) =>
  keys(DECIDERS).flatMap((decider) =>
    REVIEW_STATUSES.flatMap((status) => keys(OUTCOMES).map((outcome) => [decision, decider, status, outcome] as const)),
  ),
);

describe('decision rules: inputs', () => {
  it.each(inputCells)('%s with reason %s, conditions %s, hold until %s', (decision, reason, conditions, hold) => {
    expect(shape(decisionInputRefusal(request(decision, reason, conditions, hold), NOW))).toEqual(
      expectedForInputs(decision, reason, conditions, hold),
    );
  });

  it('accepts, per decision, only its own inputs; the reason is optional except for a Kill', () => {
    const accepted = inputCells.filter(([d, r, c, h]) => decisionInputRefusal(request(d, r, c, h), NOW) === null);
    expect(accepted).toEqual([
      ['go', 'none', 'none', 'none'],
      ['go', 'blank', 'none', 'none'],
      ['go', 'given', 'none', 'none'],
      ['conditional_go', 'none', 'given', 'none'],
      ['conditional_go', 'blank', 'given', 'none'],
      ['conditional_go', 'given', 'given', 'none'],
      ['kill', 'given', 'none', 'none'],
      ['hold', 'none', 'none', 'future'],
      ['hold', 'blank', 'none', 'future'],
      ['hold', 'given', 'none', 'future'],
      ['recycle', 'none', 'none', 'none'],
      ['recycle', 'blank', 'none', 'none'],
      ['recycle', 'given', 'none', 'none'],
    ]);
  });
});

describe('decision rules: who decides, when, on what outcome', () => {
  it.each(contextCells)('%s by %s on a %s review whose outcome is %s', (decision, decider, status, outcome) => {
    expect(shape(decisionContextRefusal(decision, context(decider, status, outcome)))).toEqual(
      expectedForContext(decision, decider, status, outcome),
    );
  });
});

describe('decision rules: the whole matrix', () => {
  it('refuses a malformed request before looking at the review, and otherwise judges the review', () => {
    let cells = 0;
    for (const [decision, reason, conditions, hold] of inputCells) {
      for (const [, decider, status, outcome] of contextCells.filter(([d]) => d === decision)) {
        const expected =
          expectedForInputs(decision, reason, conditions, hold) ??
          expectedForContext(decision, decider, status, outcome);
        expect(
          shape(decisionRefusal(request(decision, reason, conditions, hold), context(decider, status, outcome), NOW)),
        ).toEqual(expected);
        cells += 1;
      }
    }
    expect(cells).toBe(DECISIONS.length * 3 * 2 * 4 * 4 * REVIEW_STATUSES.length * 3);
  });
});
