import { GateDefinition, MustMeetEvaluation } from '@ambidex/portfolio';
import { EvaluatedCriterion } from './gate-decision';

export interface DeliverableState {
  key: string;
  name: string;
  status: 'pending' | 'done' | 'not_required';
  note: string | null;
}

/** The facts a readiness check looks at; gathered by the job, judged here. */
export interface ReadinessFacts {
  deliverables: DeliverableState[];
  financialsComplete: boolean;
  openConditions: number;
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

function evaluate(evaluation: MustMeetEvaluation, facts: ReadinessFacts, open: string[]): { pass: boolean; detail: string } {
  switch (evaluation.kind) {
    case 'deliverables_complete':
      return open.length === 0 ? { pass: true, detail: 'every deliverable is done or not required' } : { pass: false, detail: `open: ${open.join(', ')}` };
    case 'financials_present':
      return facts.financialsComplete
        ? { pass: true, detail: 'NPV, probabilities and costs are given' }
        : { pass: false, detail: 'NPV, probabilities or costs are missing' };
    case 'conditions_met':
      return facts.openConditions === 0
        ? { pass: true, detail: 'no open conditions' }
        : { pass: false, detail: `${facts.openConditions} condition(s) of earlier gates are open` };
    case 'gatekeeper':
      return { pass: true, detail: 'judged by the gatekeepers' };
  }
}
