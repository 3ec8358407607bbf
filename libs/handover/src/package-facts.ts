import { EvidenceReader } from '@ambidex/experiments';
import { userNames } from '@ambidex/identity';
import { initiativeDetails, InitiativeDetails } from '@ambidex/portfolio';
import { EntityManager } from 'typeorm';
import { AssumptionFact, ExperimentFact, LearningFact } from './domain/package-content';

export interface InitiativeFacts {
  initiative: InitiativeDetails;
  ownerName: string;
  assumptions: AssumptionFact[];
  experiments: (ExperimentFact & { status: string })[];
  learnings: LearningFact[];
}

/** Everything the initiative produced that a package is made from, read in the caller's transaction. */
export async function gatherInitiativeFacts(
  em: EntityManager,
  evidence: EvidenceReader,
  initiativeId: string,
): Promise<InitiativeFacts> {
  const initiative = await initiativeDetails(em, initiativeId);
  const ownerName =
    initiative === null ? undefined : (await userNames(em, [initiative.ownerId])).get(initiative.ownerId);
  if (initiative === null || ownerName === undefined) throw new Error(`initiative ${initiativeId} is gone`);
  const assumptions: AssumptionFact[] = (await evidence.assumptionsOf(em, initiativeId)).map((a) => ({
    id: a.id,
    statement: a.statement,
    riskKind: a.riskKind,
    importance: a.importance,
    status: a.status,
  }));
  const experiments: InitiativeFacts['experiments'] = (await evidence.experimentsOf(em, initiativeId)).map((e) => ({
    id: e.id,
    metric: e.metric,
    comparison: e.comparison,
    threshold: Number(e.threshold),
    status: e.status,
    result: e.result?.result ?? null,
    value: e.result === null ? null : Number(e.result.value),
    assumptionIds: e.assumptionIds,
  }));
  const learnings: LearningFact[] = (await evidence.currentLearningsOf(em, initiativeId)).map((l) => ({
    id: l.id,
    experimentId: l.experimentId,
    observed: l.observed,
    belief: l.belief,
    decision: l.decision,
    confidence: l.confidence,
  }));
  return { initiative, ownerName, assumptions, experiments, learnings };
}

/** The product definition a package carries: what the initiative set out to make, for whom, and who owns it. */
export function productDefinitionOf(facts: InitiativeFacts): Record<string, unknown> {
  const { initiative } = facts;
  return {
    title: initiative.title,
    problem: initiative.problem,
    valueHypothesis: initiative.valueHypothesis,
    horizon: initiative.horizon,
    ambition: initiative.ambition,
    innovationType: initiative.innovationType,
    strategicObjective: initiative.strategicObjective,
    owner: { id: initiative.ownerId, name: facts.ownerName },
  };
}
