import { Gate, GATES } from './stage-machine';

/**
 * A must-meet criterion is a knock-out. Some can be evaluated from data when a review opens; the rest are
 * judged by each gatekeeper. `evaluation` names how the data decides.
 */
export type MustMeetEvaluation =
  | { kind: 'gatekeeper' }
  | { kind: 'deliverables_complete' }
  | { kind: 'financials_present' }
  | { kind: 'conditions_met' }
  | AssumptionsEvaluation;

/**
 * Bound to the initiative's assumptions (of one risk kind, or all): 'riskiest' needs the most important one(s)
 * validated, 'critical' every assumption of importance 4 or 5.
 */
export interface AssumptionsEvaluation {
  kind: 'assumptions_validated';
  riskKind: 'desirability' | 'feasibility' | 'viability' | null;
  scope: 'riskiest' | 'critical';
}

export interface MustMeetCriterion {
  key: string;
  text: string;
  evaluation: MustMeetEvaluation;
}

export interface ShouldMeetCriterion {
  key: string;
  text: string;
  weight: number;
}

export interface Deliverable {
  key: string;
  name: string;
}

export interface GateDefinition {
  name: string;
  deliverables: Deliverable[];
  mustMeet: MustMeetCriterion[];
  shouldMeet: ShouldMeetCriterion[];
  /** The weighted mean of should-meet scores (0–10) must reach this. */
  passMark: number;
  gatekeepersRequired: number;
  /** Days from the review opening to its deadline. */
  reviewDays: number;
}

export interface ProcessModelDefinition {
  gates: Record<Gate, GateDefinition>;
}

export interface DefinitionProblem {
  field: string;
  reason: string;
}

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const EVALUATIONS = [
  'gatekeeper',
  'deliverables_complete',
  'financials_present',
  'conditions_met',
  'assumptions_validated',
];
const RISK_KINDS = ['desirability', 'feasibility', 'viability'];

/** Every problem of a proposed definition, with the JSON path of the field at fault. */
export function validateProcessModel(definition: ProcessModelDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const gates = (definition as Partial<ProcessModelDefinition>).gates;
  if (typeof gates !== 'object' || gates === null)
    return [{ field: 'gates', reason: 'gates G1, G2 and G3 are required' }];
  for (const gate of GATES) {
    const def = gates[gate];
    const at = `gates.${gate}`;
    if (def === undefined) {
      problems.push({ field: at, reason: `${gate} is required` });
      continue;
    }
    if (typeof def.name !== 'string' || def.name.trim() === '')
      problems.push({ field: `${at}.name`, reason: 'a name is required' });
    if (!Number.isFinite(def.passMark) || def.passMark < 0 || def.passMark > 10) {
      problems.push({ field: `${at}.passMark`, reason: 'must be between 0 and 10' });
    }
    if (!Number.isInteger(def.gatekeepersRequired) || def.gatekeepersRequired < 1 || def.gatekeepersRequired > 20) {
      problems.push({ field: `${at}.gatekeepersRequired`, reason: 'must be an integer between 1 and 20' });
    }
    if (!Number.isInteger(def.reviewDays) || def.reviewDays < 1 || def.reviewDays > 90) {
      problems.push({ field: `${at}.reviewDays`, reason: 'must be an integer between 1 and 90' });
    }
    checkKeys(problems, `${at}.deliverables`, def.deliverables ?? []);
    checkKeys(problems, `${at}.mustMeet`, def.mustMeet ?? []);
    checkKeys(problems, `${at}.shouldMeet`, def.shouldMeet ?? []);
    (def.mustMeet ?? []).forEach((criterion, index) => {
      const evaluation = criterion.evaluation;
      if (!EVALUATIONS.includes(evaluation?.kind)) {
        problems.push({
          field: `${at}.mustMeet[${index}].evaluation`,
          reason: `must be one of ${EVALUATIONS.join(', ')}`,
        });
      } else if (evaluation.kind === 'assumptions_validated') {
        if (evaluation.riskKind !== null && !RISK_KINDS.includes(evaluation.riskKind)) {
          problems.push({
            field: `${at}.mustMeet[${index}].evaluation.riskKind`,
            reason: `must be null or one of ${RISK_KINDS.join(', ')}`,
          });
        }
        if (evaluation.scope !== 'riskiest' && evaluation.scope !== 'critical') {
          problems.push({
            field: `${at}.mustMeet[${index}].evaluation.scope`,
            reason: "must be 'riskiest' or 'critical'",
          });
        }
      }
    });
    (def.shouldMeet ?? []).forEach((criterion, index) => {
      if (!Number.isFinite(criterion.weight) || criterion.weight <= 0 || criterion.weight > 100) {
        problems.push({ field: `${at}.shouldMeet[${index}].weight`, reason: 'must be greater than 0 and at most 100' });
      }
    });
    if ((def.shouldMeet ?? []).length === 0)
      problems.push({ field: `${at}.shouldMeet`, reason: 'at least one should-meet criterion is required' });
  }
  const extra = Object.keys(gates).filter((g) => !(GATES as readonly string[]).includes(g));
  for (const gate of extra) problems.push({ field: `gates.${gate}`, reason: 'only G1, G2 and G3 exist' });
  return problems;
}

function checkKeys(
  problems: DefinitionProblem[],
  at: string,
  items: { key: string; text?: string; name?: string }[],
): void {
  if (!Array.isArray(items)) {
    problems.push({ field: at, reason: 'must be a list' });
    return;
  }
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (typeof item.key !== 'string' || !KEY.test(item.key))
      problems.push({ field: `${at}[${index}].key`, reason: 'must be snake_case, starting with a letter' });
    else if (seen.has(item.key)) problems.push({ field: `${at}[${index}].key`, reason: `duplicate key ${item.key}` });
    else seen.add(item.key);
    const label = item.text ?? item.name;
    if (typeof label !== 'string' || label.trim() === '')
      problems.push({ field: `${at}[${index}]`, reason: 'a text or name is required' });
  });
}

/** The model Ambidex ships with, after the Stage-Gate practice and ISO 56001 8.3. */
export const DEFAULT_PROCESS_MODEL: ProcessModelDefinition = {
  gates: {
    G1: {
      name: 'Concept gate',
      deliverables: [
        { key: 'opportunity_statement', name: 'Opportunity statement (problem, who has it, evidence)' },
        { key: 'concept_description', name: 'Concept description and value hypothesis' },
        { key: 'assumption_map', name: 'Assumption map with the riskiest assumptions' },
      ],
      mustMeet: [
        {
          key: 'deliverables_complete',
          text: 'Every deliverable is done or marked not required',
          evaluation: { kind: 'deliverables_complete' },
        },
        { key: 'strategic_fit', text: 'Fits a strategic objective', evaluation: { kind: 'gatekeeper' } },
      ],
      shouldMeet: [
        { key: 'problem_significance', text: 'The problem is significant for the customer', weight: 3 },
        { key: 'strategic_alignment', text: 'Strategic alignment', weight: 2 },
        { key: 'differentiation', text: 'Differentiation from what exists', weight: 2 },
      ],
      passMark: 6,
      gatekeepersRequired: 2,
      reviewDays: 7,
    },
    G2: {
      name: 'Validation gate',
      deliverables: [
        { key: 'experiment_plan', name: 'Experiment plan with pre-registered thresholds' },
        { key: 'learning_log', name: 'Learning log of the experiments run' },
        { key: 'business_case', name: 'Business case with NPV and probabilities' },
      ],
      mustMeet: [
        {
          key: 'deliverables_complete',
          text: 'Every deliverable is done or marked not required',
          evaluation: { kind: 'deliverables_complete' },
        },
        {
          key: 'financials_present',
          text: 'Financial estimates are complete',
          evaluation: { kind: 'financials_present' },
        },
        { key: 'conditions_met', text: 'Conditions of earlier gates are met', evaluation: { kind: 'conditions_met' } },
        {
          key: 'riskiest_desirability_validated',
          text: 'The riskiest desirability assumption is validated by a pre-registered experiment',
          evaluation: { kind: 'assumptions_validated', riskKind: 'desirability', scope: 'riskiest' },
        },
        {
          key: 'evidence_quality',
          text: 'Evidence is good enough to invest in development',
          evaluation: { kind: 'gatekeeper' },
        },
      ],
      shouldMeet: [
        { key: 'desirability', text: 'Desirability validated', weight: 3 },
        { key: 'feasibility', text: 'Feasibility validated', weight: 2 },
        { key: 'viability', text: 'Viability validated', weight: 3 },
      ],
      passMark: 6.5,
      gatekeepersRequired: 2,
      reviewDays: 10,
    },
    G3: {
      name: 'Handover-readiness gate',
      deliverables: [
        { key: 'solution_specification', name: 'Solution specification and requirements' },
        { key: 'process_design', name: 'Process design with KPIs and baseline' },
        { key: 'transfer_plan', name: 'Transfer plan to the quality management system' },
      ],
      mustMeet: [
        {
          key: 'deliverables_complete',
          text: 'Every deliverable is done or marked not required',
          evaluation: { kind: 'deliverables_complete' },
        },
        { key: 'conditions_met', text: 'Conditions of earlier gates are met', evaluation: { kind: 'conditions_met' } },
        { key: 'quality_ready', text: 'The quality function can take it over', evaluation: { kind: 'gatekeeper' } },
      ],
      shouldMeet: [
        { key: 'solution_maturity', text: 'Solution maturity', weight: 3 },
        { key: 'process_capability', text: 'Process capability', weight: 3 },
        { key: 'commercial_readiness', text: 'Commercial readiness', weight: 2 },
      ],
      passMark: 7,
      gatekeepersRequired: 2,
      reviewDays: 10,
    },
  },
};
