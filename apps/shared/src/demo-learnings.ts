import { AssumptionsService, Comparison, Confidence, ExperimentsService, LearningDecision, LearningsService, RiskKind } from '@ambidex/experiments';
import { Principal } from '@ambidex/identity';
import { INestApplicationContext } from '@nestjs/common';

/** One tested assumption of a demo initiative: the test card, what was observed, and the learning it led to. */
export interface DemoLearning {
  assumption: string;
  riskKind: RiskKind;
  metric: string;
  comparison: Comparison;
  threshold: number;
  minimumSample: number;
  budget: number;
  observed: { value: number; sampleSize: number; cost: number };
  learning: { observed: string; belief: string; decision: LearningDecision; confidence: Confidence };
}

/**
 * Records each demo test through the experiment services (rights, frozen thresholds, roll-ups, audit, outbox), so
 * the learning figures, the learning search and the evidence-based gates have something to show.
 */
export async function seedDemoLearnings(app: INestApplicationContext, lead: Principal, initiativeId: string, tests: readonly DemoLearning[]): Promise<void> {
  for (const test of tests) {
    const assumption = await app.get(AssumptionsService).create(lead, initiativeId, { statement: test.assumption, riskKind: test.riskKind, importance: 4 });
    const experiment = await app.get(ExperimentsService).create(lead, initiativeId, {
      assumptionIds: [assumption.id],
      hypothesis: test.assumption,
      method: 'pilot',
      metric: test.metric,
      comparison: test.comparison,
      threshold: test.threshold,
      minimumSample: test.minimumSample,
      plannedStart: null,
      plannedEnd: null,
      budget: test.budget,
    });
    await app.get(ExperimentsService).start(lead, experiment.id);
    await app.get(ExperimentsService).recordResult(lead, experiment.id, { ...test.observed, note: null });
    await app.get(LearningsService).record(lead, initiativeId, { ...test.learning, experimentId: experiment.id, evidence: [], supersedes: null });
  }
}
