import {
  AssumptionsService,
  Comparison,
  Confidence,
  ExperimentsService,
  LearningDecision,
  LearningsService,
  RiskKind,
} from '@ambidex/experiments';
import { Principal } from '@ambidex/identity';
import { INestApplicationContext } from '@nestjs/common';

/** An assumption the initiative depends on, not tested yet. */
export interface DemoAssumption {
  statement: string;
  riskKind: RiskKind;
  importance: number;
}

/** A test card: the assumption it tests and its threshold, fixed before it starts. */
export interface DemoTestCard {
  assumption: string;
  riskKind: RiskKind;
  metric: string;
  comparison: Comparison;
  threshold: number;
  minimumSample: number;
  budget: number;
}

/** One tested assumption of a demo initiative: the test card, what was observed, and the learning it led to. */
export interface DemoLearning extends DemoTestCard {
  observed: { value: number; sampleSize: number; cost: number };
  learning: { observed: string; belief: string; decision: LearningDecision; confidence: Confidence };
}

/**
 * Records each demo test through the experiment services (rights, frozen thresholds, roll-ups, audit, outbox), so
 * the learning figures, the learning search and the evidence-based gates have something to show.
 */
export async function seedDemoLearnings(
  app: INestApplicationContext,
  lead: Principal,
  initiativeId: string,
  tests: readonly DemoLearning[],
): Promise<void> {
  for (const test of tests) {
    const experimentId = await startDemoExperiment(app, lead, initiativeId, test, 4);
    await app.get(ExperimentsService).recordResult(lead, experimentId, { ...test.observed, note: null });
    await app
      .get(LearningsService)
      .record(lead, initiativeId, { ...test.learning, experimentId, evidence: [], supersedes: null });
  }
}

/** Assumptions written down but not tested yet: the risks a handover package inherits, or the lead's next tests. */
export async function seedDemoAssumptions(
  app: INestApplicationContext,
  lead: Principal,
  initiativeId: string,
  assumptions: readonly DemoAssumption[],
): Promise<void> {
  for (const assumption of assumptions) {
    await app.get(AssumptionsService).create(lead, initiativeId, {
      statement: assumption.statement,
      riskKind: assumption.riskKind,
      importance: assumption.importance,
    });
  }
}

/** The assumption and its test card, started (threshold frozen) and waiting for its result. */
export async function startDemoExperiment(
  app: INestApplicationContext,
  lead: Principal,
  initiativeId: string,
  card: DemoTestCard,
  importance: number,
): Promise<string> {
  const assumption = await app
    .get(AssumptionsService)
    .create(lead, initiativeId, { statement: card.assumption, riskKind: card.riskKind, importance });
  const experiment = await app.get(ExperimentsService).create(lead, initiativeId, {
    assumptionIds: [assumption.id],
    hypothesis: card.assumption,
    method: 'pilot',
    metric: card.metric,
    comparison: card.comparison,
    threshold: card.threshold,
    minimumSample: card.minimumSample,
    plannedStart: null,
    plannedEnd: null,
    budget: card.budget,
  });
  await app.get(ExperimentsService).start(lead, experiment.id);
  return experiment.id;
}
