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
export async function gatherInitiativeFacts(em: EntityManager, initiativeId: string): Promise<InitiativeFacts> {
  const initiative = await initiativeDetails(em, initiativeId);
  const ownerName =
    initiative === null ? undefined : (await userNames(em, [initiative.ownerId])).get(initiative.ownerId);
  if (initiative === null || ownerName === undefined) throw new Error(`initiative ${initiativeId} is gone`);
  const assumptions = (await em.query(
    `SELECT id, statement, risk_kind AS "riskKind", importance, status FROM assumptions WHERE initiative_id = $1 ORDER BY importance DESC, id`,
    [initiativeId],
  )) as AssumptionFact[];
  const experiments = (await em.query(
    `SELECT e.id, e.metric, e.comparison, e.threshold::float8 AS threshold, e.status, r.result, r.value::float8 AS value,
            coalesce((SELECT array_agg(ea.assumption_id) FROM experiment_assumptions ea WHERE ea.experiment_id = e.id), '{}') AS "assumptionIds"
       FROM experiments e LEFT JOIN experiment_results r ON r.experiment_id = e.id WHERE e.initiative_id = $1 ORDER BY e.created_at, e.id`,
    [initiativeId],
  )) as InitiativeFacts['experiments'];
  const learnings = (await em.query(
    `SELECT l.id, l.experiment_id AS "experimentId", l.observed, l.belief, l.decision, l.confidence FROM learnings l
      WHERE l.initiative_id = $1 AND NOT EXISTS (SELECT 1 FROM learnings c WHERE c.supersedes_id = l.id) ORDER BY l.created_at, l.id`,
    [initiativeId],
  )) as LearningFact[];
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
