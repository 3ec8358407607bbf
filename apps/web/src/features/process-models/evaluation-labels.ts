import type { Evaluation } from './model';

export type EvaluationKind = Evaluation['kind'];
export type RiskKind = NonNullable<Evaluation['riskKind']>;
export type Scope = NonNullable<Evaluation['scope']>;

export const EVALUATION_LABELS: Record<EvaluationKind, string> = {
  gatekeeper: 'Judged by each gatekeeper',
  deliverables_complete: 'From data: every deliverable done or not required',
  financials_present: 'From data: the financial estimates are filled in',
  conditions_met: 'From data: the conditions of the last Conditional Go are met',
  assumptions_validated: 'From data: assumptions validated',
};
export const RISK_KIND_LABELS: Record<RiskKind | '', string> = {
  '': 'of every kind',
  desirability: 'desirability',
  feasibility: 'feasibility',
  viability: 'viability',
};
export const SCOPE_LABELS: Record<Scope, string> = {
  riskiest: 'the riskiest ones',
  critical: 'every critical one (importance 4–5)',
};

/** One line saying how a must-meet criterion is decided. */
export function describeEvaluation(e: Evaluation): string {
  if (e.kind !== 'assumptions_validated') return EVALUATION_LABELS[e.kind];
  const kind = e.riskKind === null || e.riskKind === undefined ? '' : `${e.riskKind} `;
  return e.scope === 'critical'
    ? `From data: every critical ${kind}assumption (importance 4–5) validated`
    : `From data: the riskiest ${kind}assumptions validated`;
}
