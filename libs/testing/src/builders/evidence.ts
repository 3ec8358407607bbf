import { AssumptionsService, ExperimentsService, LearningsService } from '@ambidex/experiments';
import { Principal } from '@ambidex/identity';
import { Services } from './people';

export type Outcome = 'validated' | 'invalidated' | 'untested';

export interface Evidence {
  assumptionIds: string[];
  experimentIds: string[];
  learningIds: string[];
  /** How many assumptions the results validated. */
  validated: number;
}

/**
 * One assumption per outcome, through the experiments use cases: each tested one gets an experiment (share >= 0.3)
 * whose recorded result validates or invalidates it, and `learningsEach` learnings on that experiment.
 */
export async function testedAssumptions(
  services: Services,
  owner: Principal,
  initiativeId: string,
  outcomes: Outcome[],
  learningsEach = 3,
): Promise<Evidence> {
  const evidence: Evidence = { assumptionIds: [], experimentIds: [], learningIds: [], validated: 0 };
  for (const [i, outcome] of outcomes.entries()) {
    const assumption = await services
      .get(AssumptionsService)
      .create(owner, initiativeId, { statement: `Assumption ${i}`, riskKind: 'desirability', importance: 5 - (i % 5) });
    evidence.assumptionIds.push(assumption.id);
    if (outcome === 'untested') continue;
    const experiments = services.get(ExperimentsService);
    const experiment = await experiments.create(owner, initiativeId, {
      assumptionIds: [assumption.id],
      hypothesis: 'h',
      method: 'pilot',
      metric: `share ${i}`,
      comparison: '>=',
      threshold: 0.3,
      minimumSample: 10,
      plannedStart: null,
      plannedEnd: null,
      budget: null,
    });
    evidence.experimentIds.push(experiment.id);
    const value = outcome === 'validated' ? 0.5 : 0.1;
    await experiments.recordResult(owner, experiment.id, { value, sampleSize: 100, cost: null, note: null });
    if (outcome === 'validated') evidence.validated += 1;
    for (let l = 0; l < learningsEach; l++) {
      const learning = await services.get(LearningsService).record(owner, initiativeId, {
        experimentId: experiment.id,
        observed: `observed ${i}.${l}`,
        belief: 'b',
        decision: 'persevere',
        confidence: 'high',
        evidence: [],
        supersedes: null,
      });
      evidence.learningIds.push(learning.id);
    }
  }
  return evidence;
}
