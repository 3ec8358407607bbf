import { InitiativeIntake, PortfoliosService } from '@ambidex/portfolio';
import { INestApplicationContext } from '@nestjs/common';
import { DemoBackdating } from './demo-backdating';
import { DemoCast } from './demo-cast';
import { seedDemoHandover } from './demo-handover';
import { DEMO, DemoInitiative } from './demo-initiatives';
import { seedDemoAssumptions, seedDemoLearnings, startDemoExperiment } from './demo-learnings';
import { DemoReviews } from './demo-reviews';
import { demoTimeline } from './demo-timeline';

/**
 * The demo portfolio: each initiative's past replayed through the real services (tests, gate reviews, decisions)
 * and moved onto its planned days as it goes (demo-backdating.ts), then what waits today: open reviews, a running
 * experiment, handover packages. Returns the portfolio's id.
 */
export async function seedDemoPortfolio(
  app: INestApplicationContext,
  cast: DemoCast,
  log: (line: string) => void,
  now: Date,
): Promise<string> {
  const portfolio = await app.get(PortfoliosService).create(cast.chair, {
    name: 'Clinic services',
    description: 'Demo portfolio: how our clinics could serve patients better',
    ambitionTargets: { core: 70, adjacent: 20, transformational: 10 },
    horizonTargets: { H1: 60, H2: 30, H3: 10 },
  });
  const reviews = new DemoReviews(app, cast);
  const backdating = new DemoBackdating(app);
  for (const [index, demo] of DEMO.entries()) {
    const initiativeId = await create(app, cast, portfolio.id, demo);
    const timeline = demoTimeline(
      { createdDaysAgo: demo.createdDaysAgo, decisionsAfterDays: demo.history.map((d) => d.afterDays) },
      now,
    );
    await backdating.created(initiativeId, timeline.createdAt);
    await seedDemoLearnings(app, cast.lead, initiativeId, demo.tests ?? []);
    await seedDemoAssumptions(app, cast.lead, initiativeId, demo.open ?? []);
    for (const [step, decision] of demo.history.entries()) {
      await seedDemoLearnings(app, cast.lead, initiativeId, decision.testsBefore ?? []);
      const reviewId = await reviews.hold(initiativeId, decision.gate, decision.decision, decision.reason);
      await backdating.decided(initiativeId, reviewId, timeline.decidedAt[step] as Date);
    }
    await seedToday(app, cast, reviews, initiativeId, demo);
    log(`  seeding demo initiatives ${index + 1}/${DEMO.length}: ${demo.title}`);
  }
  return portfolio.id;
}

async function create(
  app: INestApplicationContext,
  cast: DemoCast,
  portfolioId: string,
  demo: DemoInitiative,
): Promise<string> {
  const created = await app.get(InitiativeIntake).create(cast.lead, {
    portfolioId,
    title: demo.title,
    problem: demo.problem,
    valueHypothesis: `If we solve “${demo.problem.toLowerCase()}”, patients and clinics both gain`,
    horizon: demo.horizon,
    ambition: demo.ambition,
    innovationType: 'service',
    npv: demo.npv,
    probabilityCommercial: demo.pcs,
    probabilityTechnical: demo.pts,
    commercializationCost: Math.round(demo.npv * 0.1),
    remainingDevelopmentCost: Math.round(demo.npv * 0.15),
    costToDate: Math.round(demo.npv * 0.02),
  });
  return created.id;
}

/** The work that waits at first sign-in, done now (never back-dated). */
async function seedToday(
  app: INestApplicationContext,
  cast: DemoCast,
  reviews: DemoReviews,
  initiativeId: string,
  demo: DemoInitiative,
): Promise<void> {
  if (demo.running !== undefined) await startDemoExperiment(app, cast.lead, initiativeId, demo.running, 5);
  if (demo.handover !== undefined) await seedDemoHandover(app, cast, initiativeId, demo.handover);
  if (demo.review !== undefined) {
    const reviewId = await reviews.openCurrent(initiativeId);
    if (demo.review === 'awaiting_decision') await reviews.score(reviewId, 'go', 'Ready to go on');
  }
}
