import { Principal, Role } from '@ambidex/identity';
import { Actor, TransactionRunner } from '@ambidex/platform';
import { Ambition, Decision, Gate, Horizon, InitiativeIntake, PortfoliosService, StageTransitions } from '@ambidex/portfolio';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoLearning, seedDemoLearnings } from './demo-learnings';

interface DemoInitiative {
  title: string;
  problem: string;
  horizon: Horizon;
  ambition: Ambition;
  npv: number;
  pcs: number;
  pts: number;
  /** Gate decisions to replay, in order. */
  path: [Gate, Decision][];
  /** Assumptions tested before those decisions. */
  tests?: DemoLearning[];
}

const KIOSK_TESTS: DemoLearning[] = [
  {
    assumption: 'Patients would rather check in at a kiosk than queue at reception',
    riskKind: 'desirability', metric: 'share of check-ins at the kiosk', comparison: '>=', threshold: 0.4, minimumSample: 200, budget: 8_000,
    observed: { value: 0.55, sampleSize: 640, cost: 7_400 },
    learning: { observed: '55 % of 640 check-ins in the pilot week used the kiosk, 80 % of them when the queue was longer than three people', belief: 'Patients choose the kiosk as soon as a queue forms', decision: 'persevere', confidence: 'high' },
  },
  {
    assumption: 'The kiosk can read the national health card without a new reader',
    riskKind: 'feasibility', metric: 'cards read on the first try', comparison: '>=', threshold: 0.95, minimumSample: 100, budget: 3_000,
    observed: { value: 0.97, sampleSize: 312, cost: 2_100 },
    learning: { observed: '97 % of cards read on the first try with the reader we already have', belief: 'No new hardware is needed', decision: 'persevere', confidence: 'high' },
  },
];

const REMINDER_TESTS: DemoLearning[] = [
  {
    assumption: 'A text message the day before halves missed appointments',
    riskKind: 'desirability', metric: 'missed appointments', comparison: '<=', threshold: 0.06, minimumSample: 300, budget: 1_500,
    observed: { value: 0.05, sampleSize: 450, cost: 1_200 },
    learning: { observed: 'Missed appointments fell from 12 % to 5 % over 450 appointments with a reminder', belief: 'Reminders pay for themselves in a month', decision: 'persevere', confidence: 'medium' },
  },
];

const BLOOD_SAMPLING_TESTS: DemoLearning[] = [
  {
    assumption: 'Patients pay 25 € for a blood test at home',
    riskKind: 'viability', metric: 'sign-up rate at 25 €', comparison: '>=', threshold: 0.1, minimumSample: 150, budget: 2_500,
    observed: { value: 0.03, sampleSize: 210, cost: 2_500 },
    learning: { observed: 'Only 3 % of 210 patients offered a paid home visit signed up; most asked for the clinic instead', belief: 'Patients will not pay for convenience on a ten-minute test', decision: 'kill', confidence: 'high' },
  },
];

const DEMO: DemoInitiative[] = [
  { title: 'Self check-in kiosk', problem: 'Patients queue 20 minutes at reception', horizon: 'H1', ambition: 'core', npv: 1_200_000, pcs: 0.7, pts: 0.8, path: [['G1', 'go'], ['G2', 'go']], tests: KIOSK_TESTS },
  { title: 'Automated appointment reminders', problem: 'One in eight appointments is missed', horizon: 'H1', ambition: 'core', npv: 600_000, pcs: 0.8, pts: 0.9, path: [['G1', 'go']], tests: REMINDER_TESTS },
  { title: 'Online prescription renewal', problem: 'Renewals take three visits', horizon: 'H1', ambition: 'core', npv: 450_000, pcs: 0.6, pts: 0.85, path: [['G1', 'go'], ['G2', 'recycle']] },
  { title: 'Remote wound monitoring', problem: 'Wound checks need a visit every two days', horizon: 'H2', ambition: 'adjacent', npv: 2_500_000, pcs: 0.5, pts: 0.6, path: [['G1', 'go']] },
  { title: 'Clinic capacity marketplace', problem: 'Idle rooms in one clinic while another turns patients away', horizon: 'H2', ambition: 'adjacent', npv: 1_800_000, pcs: 0.35, pts: 0.7, path: [['G1', 'recycle']] },
  { title: 'Paper-free referrals', problem: 'Referral letters get lost between practices', horizon: 'H1', ambition: 'core', npv: 300_000, pcs: 0.75, pts: 0.9, path: [] },
  { title: 'Home blood sampling service', problem: 'Elderly patients travel for a ten-minute blood test', horizon: 'H2', ambition: 'adjacent', npv: 900_000, pcs: 0.45, pts: 0.75, path: [['G1', 'kill']], tests: BLOOD_SAMPLING_TESTS },
  { title: 'AI triage for the phone line', problem: 'Morning calls wait 35 minutes', horizon: 'H3', ambition: 'transformational', npv: 5_000_000, pcs: 0.2, pts: 0.4, path: [] },
  { title: 'Subscription primary care for SMEs', problem: 'Small employers have no occupational health', horizon: 'H3', ambition: 'transformational', npv: 4_000_000, pcs: 0.25, pts: 0.55, path: [['G1', 'go']] },
  { title: 'Waiting-room digital signage', problem: 'Patients do not know how long they will wait', horizon: 'H1', ambition: 'core', npv: 120_000, pcs: 0.8, pts: 0.95, path: [['G1', 'go'], ['G2', 'kill']] },
];

function principalOf(row: { id: string; email: string; display_name: string; roles: Role[] }): Principal {
  return { userId: row.id, email: row.email, displayName: row.display_name, roles: row.roles, sessionId: null, apiTokenId: null };
}

/**
 * A demo portfolio with initiatives across the funnel and some tested assumptions, so the product has something to
 * show. The decisions go
 * through the stage machine (history, audit, outbox) without review sittings, so no holds or conditions here:
 * those need a review behind them.
 */
export async function seedDemoPortfolio(app: INestApplicationContext, log: (line: string) => void): Promise<void> {
  const users = (await app.get(DataSource).query(
    `SELECT id, email, display_name, roles FROM users WHERE email IN ('lead@ambidex.local', 'leadership@ambidex.local')`,
  )) as { id: string; email: string; display_name: string; roles: Role[] }[];
  const lead = users.find((u) => u.email === 'lead@ambidex.local');
  const chair = users.find((u) => u.email === 'leadership@ambidex.local');
  if (lead === undefined || chair === undefined) return;
  const portfolio = await app.get(PortfoliosService).create(principalOf(chair), {
    name: 'Clinic services',
    description: 'Demo portfolio: how our clinics could serve patients better',
    ambitionTargets: { core: 70, adjacent: 20, transformational: 10 },
    horizonTargets: { H1: 60, H2: 30, H3: 10 },
  });
  const chairActor: Actor = { userId: chair.id, label: chair.email };
  for (const [index, demo] of DEMO.entries()) {
    const created = await app.get(InitiativeIntake).create(principalOf(lead), {
      portfolioId: portfolio.id,
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
    await seedDemoLearnings(app, principalOf(lead), created.id, demo.tests ?? []);
    for (const [gate, decision] of demo.path) {
      await app.get(TransactionRunner).run((em) =>
        app.get(StageTransitions).apply(em, created.id, { kind: 'decision', gate, decision }, {
          actor: chairActor,
          reason: `demo: ${decision} at ${gate}`,
        }),
      );
    }
    log(`  seeding demo initiatives ${index + 1}/${DEMO.length}: ${demo.title}`);
  }
}
