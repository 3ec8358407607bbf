import { Decision, GateDefinition } from '@ambidex/portfolio/domain';

export interface MustMeetJudgement {
  key: string;
  pass: boolean;
  comment: string;
}

export interface ShouldMeetScore {
  key: string;
  score: number;
}

export interface Scorecard {
  gatekeeperId: string;
  mustMeet: MustMeetJudgement[];
  shouldMeet: ShouldMeetScore[];
}

/** A must-meet criterion the readiness check evaluated from data when the review opened. */
export interface EvaluatedCriterion {
  key: string;
  pass: boolean;
  detail: string;
}

export interface KnockOut {
  key: string;
  by: 'data' | string;
  comment: string;
}

export interface GateOutcome {
  passed: boolean;
  knockOuts: KnockOut[];
  weightedMean: number;
  passMark: number;
  criteria: { key: string; weight: number; mean: number }[];
  proposal: Decision;
}

/** How far below the pass mark a result may fall and still be worth reworking rather than stopping. */
export const RECYCLE_MARGIN = 2;

/**
 * decideGate: the knock-out rule first (any failed must-meet, by data or by any gatekeeper, fails the gate),
 * then the weighted mean of the should-meet scores against the pass mark. The proposal is advice to the chair:
 * go when passed; recycle when a knock-out or a near miss can be fixed; kill when far below the pass mark.
 */
export function decideGate(
  definition: GateDefinition,
  evaluated: EvaluatedCriterion[],
  scorecards: Scorecard[],
): GateOutcome {
  const knockOuts: KnockOut[] = [
    ...evaluated.filter((c) => !c.pass).map((c) => ({ key: c.key, by: 'data', comment: c.detail })),
    ...scorecards.flatMap((card) =>
      card.mustMeet.filter((j) => !j.pass).map((j) => ({ key: j.key, by: card.gatekeeperId, comment: j.comment })),
    ),
  ];
  const criteria = definition.shouldMeet.map((criterion) => {
    const scores = scorecards.flatMap((card) =>
      card.shouldMeet.filter((s) => s.key === criterion.key).map((s) => s.score),
    );
    const mean = scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
    return { key: criterion.key, weight: criterion.weight, mean: round2(mean) };
  });
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  const weightedMean =
    totalWeight === 0 ? 0 : round2(criteria.reduce((sum, c) => sum + c.mean * c.weight, 0) / totalWeight);
  const passed = knockOuts.length === 0 && weightedMean >= definition.passMark;
  const proposal: Decision = passed ? 'go' : weightedMean >= definition.passMark - RECYCLE_MARGIN ? 'recycle' : 'kill';
  return { passed, knockOuts, weightedMean, passMark: definition.passMark, criteria, proposal };
}

export interface ScorecardProblem {
  field: string;
  reason: string;
}

/** A scorecard must judge every gatekeeper-judged must-meet once and score every should-meet once, 0–10. */
export function validateScorecard(
  definition: GateDefinition,
  card: Omit<Scorecard, 'gatekeeperId'>,
): ScorecardProblem[] {
  const problems: ScorecardProblem[] = [];
  const judged = definition.mustMeet.filter((c) => c.evaluation.kind === 'gatekeeper').map((c) => c.key);
  checkCoverage(
    problems,
    'mustMeet',
    judged,
    card.mustMeet.map((j) => j.key),
  );
  card.mustMeet.forEach((j, index) => {
    if (!j.pass && j.comment.trim() === '')
      problems.push({ field: `mustMeet[${index}].comment`, reason: 'a failed must-meet needs a comment' });
  });
  checkCoverage(
    problems,
    'shouldMeet',
    definition.shouldMeet.map((c) => c.key),
    card.shouldMeet.map((s) => s.key),
  );
  card.shouldMeet.forEach((s, index) => {
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > 10)
      problems.push({ field: `shouldMeet[${index}].score`, reason: 'must be an integer from 0 to 10' });
  });
  return problems;
}

function checkCoverage(problems: ScorecardProblem[], field: string, expected: string[], given: string[]): void {
  for (const key of expected) {
    const count = given.filter((k) => k === key).length;
    if (count === 0) problems.push({ field, reason: `${key} is missing` });
    if (count > 1) problems.push({ field, reason: `${key} is given ${count} times` });
  }
  for (const key of given.filter((k) => !expected.includes(k)))
    problems.push({ field, reason: `${key} is not a criterion of this gate` });
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
