import { AssumptionsEvaluation, GateDefinition, MustMeetEvaluation } from '@ambidex/portfolio/domain';
import { EvaluatedCriterion } from './gate-decision';

export interface DeliverableState {
  key: string;
  name: string;
  status: 'pending' | 'done' | 'not_required';
  note: string | null;
}

export interface AssumptionState {
  statement: string;
  riskKind: string;
  importance: number;
  status: string;
}

/** The facts a readiness check looks at; gathered by the job, judged here. */
export interface ReadinessFacts {
  deliverables: DeliverableState[];
  financialsComplete: boolean;
  openConditions: number;
  assumptions: AssumptionState[];
}

export interface ReadinessReport {
  ready: boolean;
  openDeliverables: string[];
  evaluated: EvaluatedCriterion[];
}

/**
 * A review can open when every deliverable is done or marked not required (with a reason); must-meet criteria
 * that data can decide are evaluated now and frozen with the evidence, so gatekeepers see the same verdict.
 */
export function checkReadiness(definition: GateDefinition, facts: ReadinessFacts): ReadinessReport {
  const openDeliverables = definition.deliverables
    .filter((d) => {
      const state = facts.deliverables.find((s) => s.key === d.key);
      return state === undefined || state.status === 'pending';
    })
    .map((d) => d.key);
  const evaluated = definition.mustMeet
    .filter((c) => c.evaluation.kind !== 'gatekeeper')
    .map((c) => ({ key: c.key, ...evaluate(c.evaluation, facts, openDeliverables) }));
  return { ready: openDeliverables.length === 0, openDeliverables, evaluated };
}

function evaluate(
  evaluation: MustMeetEvaluation,
  facts: ReadinessFacts,
  open: string[],
): { pass: boolean; detail: string } {
  switch (evaluation.kind) {
    case 'deliverables_complete':
      return open.length === 0
        ? { pass: true, detail: 'every deliverable is done or not required' }
        : { pass: false, detail: `open: ${open.join(', ')}` };
    case 'financials_present':
      return facts.financialsComplete
        ? { pass: true, detail: 'NPV, probabilities and costs are given' }
        : { pass: false, detail: 'NPV, probabilities or costs are missing' };
    case 'conditions_met':
      return facts.openConditions === 0
        ? { pass: true, detail: 'no open conditions' }
        : { pass: false, detail: `${facts.openConditions} condition(s) of earlier gates are open` };
    case 'assumptions_validated':
      return evaluateAssumptions(evaluation, facts.assumptions);
    case 'gatekeeper':
      return { pass: true, detail: 'judged by the gatekeepers' };
  }
}

/** From pre-registered experiments: the riskiest (or every critical) assumption in scope must be validated. */
export function evaluateAssumptions(
  evaluation: AssumptionsEvaluation,
  assumptions: AssumptionState[],
): { pass: boolean; detail: string } {
  const label = evaluation.riskKind === null ? 'any' : evaluation.riskKind;
  const inScope = assumptions.filter((a) => evaluation.riskKind === null || a.riskKind === evaluation.riskKind);
  const top = Math.max(0, ...inScope.map((a) => a.importance));
  const judged =
    evaluation.scope === 'riskiest'
      ? inScope.filter((a) => a.importance === top)
      : inScope.filter((a) => a.importance >= 4);
  if (judged.length === 0) return { pass: false, detail: `no ${evaluation.scope} ${label} assumption is recorded` };
  const open = judged.filter((a) => a.status !== 'validated');
  return open.length === 0
    ? { pass: true, detail: `${judged.length} ${evaluation.scope} ${label} assumption(s) validated` }
    : { pass: false, detail: `not validated: ${open.map((a) => `“${a.statement}” (${a.status})`).join('; ')}` };
}
