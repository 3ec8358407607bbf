import { DEFAULT_PROCESS_MODEL, Decision, Gate, InitiativeStatus, Stage } from '@ambidex/portfolio';
import { ensureDefaultProcessModel } from '@ambidex/testing';
import { DataSource, EntityManager } from 'typeorm';

const DAY = 86_400_000;

/** One step of an initiative's history, `daysAgo` before the seed runs. */
export type Step = { daysAgo: number; gate: Gate; decision: Decision } | { daysAgo: number; kind: 'handover_accepted' };

export interface SeedInitiative {
  title: string;
  ambition: 'core' | 'adjacent' | 'transformational';
  horizon: 'H1' | 'H2' | 'H3';
  owner: 'alice' | 'bob';
  createdDaysAgo: number;
  /** NPV, Pcs, Pts, C (commercialization cost), D (remaining development cost); null: no financials. */
  money: { npv: number; pcs: number; pts: number; c: number; d: number } | null;
  steps: Step[];
  /** An open G-review in scoring whose deadline passed `daysAgo` days ago (a zombie). */
  zombie?: { gate: Gate; deadlineDaysAgo: number };
  /** The experiments context's roll-up: assumptions resolved (validated + invalidated), learnings, experiment cost. */
  learning?: { validated: number; invalidated: number; learnings: number; cost: number };
  /** The handover package of the final G3 go: accepted when the handover_accepted step happened, controlled days later. */
  controlledAfterDays?: number;
}

/** ECV = ((NPV × Pcs − C) × Pts) − D, to the cent: what the page must show for each seeded initiative. */
export function ecvOf(money: SeedInitiative['money']): number | null {
  if (money === null) return null;
  return Math.round(((money.npv * money.pcs - money.c) * money.pts - money.d) * 100) / 100;
}

/**
 * The dashboard's portfolio. Eight initiatives with known histories (all inside the last year):
 *   G1: go ×3 (Solar, Smart meter, Robots), conditional go ×1 (Hydrogen), kill ×1 (Battery), recycle ×1 (Grid) = 6
 *   G2: go ×2 (Solar, Robots), hold ×1 (Hydrogen) = 3;  G3: go ×1 (Robots) = 1
 *   core only (Solar, Smart meter, Grid, Robots): G1 go ×3, recycle ×1 = 4, no kill
 * Now: explore 4 (Battery killed, Grid, Heat pump, Carbon), experiment 2 (Smart meter, Hydrogen on hold),
 * develop 1 (Solar), handover 0, in operation 1 (Robots, handed over). One zombie: Heat pump's G1 review.
 * Learning: Solar 4 resolved in 200 days (0.6 per 30 days, 10,000 per learning), Smart meter 3 in 180 days (0.5, 20,000):
 * velocity 0.55, cost per learning 15,000. Handover: Robots' package accepted (1 of 1) and controlled 40 days (960 h) after
 * its final G3 go.
 */
export const SEED: SeedInitiative[] = [
  {
    title: 'Solar roof tiles',
    ambition: 'core',
    horizon: 'H1',
    owner: 'alice',
    createdDaysAgo: 200,
    money: { npv: 5_000_000, pcs: 0.7, pts: 0.9, c: 500_000, d: 400_000 },
    steps: [
      { daysAgo: 150, gate: 'G1', decision: 'go' },
      { daysAgo: 90, gate: 'G2', decision: 'go' },
    ],
    learning: { validated: 3, invalidated: 1, learnings: 3, cost: 30_000 },
  },
  {
    title: 'Smart meter app',
    ambition: 'core',
    horizon: 'H1',
    owner: 'alice',
    createdDaysAgo: 180,
    money: { npv: 2_000_000, pcs: 0.6, pts: 0.8, c: 200_000, d: 300_000 },
    steps: [{ daysAgo: 140, gate: 'G1', decision: 'go' }],
    learning: { validated: 2, invalidated: 1, learnings: 2, cost: 40_000 },
  },
  {
    title: 'Battery leasing',
    ambition: 'adjacent',
    horizon: 'H2',
    owner: 'bob',
    createdDaysAgo: 170,
    money: { npv: 3_000_000, pcs: 0.5, pts: 0.7, c: 300_000, d: 500_000 },
    steps: [{ daysAgo: 120, gate: 'G1', decision: 'kill' }],
  },
  {
    title: 'Grid analytics',
    ambition: 'core',
    horizon: 'H2',
    owner: 'bob',
    createdDaysAgo: 160,
    money: { npv: 1_500_000, pcs: 0.5, pts: 0.6, c: 100_000, d: 250_000 },
    steps: [{ daysAgo: 130, gate: 'G1', decision: 'recycle' }],
  },
  {
    title: 'Hydrogen storage',
    ambition: 'transformational',
    horizon: 'H3',
    owner: 'alice',
    createdDaysAgo: 150,
    money: { npv: 20_000_000, pcs: 0.2, pts: 0.3, c: 2_000_000, d: 1_500_000 },
    steps: [
      { daysAgo: 110, gate: 'G1', decision: 'conditional_go' },
      { daysAgo: 60, gate: 'G2', decision: 'hold' },
    ],
  },
  {
    title: 'Heat pump service',
    ambition: 'adjacent',
    horizon: 'H1',
    owner: 'bob',
    createdDaysAgo: 90,
    money: { npv: 1_200_000, pcs: 0.8, pts: 0.9, c: 100_000, d: 150_000 },
    steps: [],
    zombie: { gate: 'G1', deadlineDaysAgo: 10 },
  },
  {
    title: 'Carbon marketplace',
    ambition: 'transformational',
    horizon: 'H3',
    owner: 'alice',
    createdDaysAgo: 30,
    money: null,
    steps: [],
  },
  {
    title: 'Maintenance robots',
    ambition: 'core',
    horizon: 'H2',
    owner: 'bob',
    createdDaysAgo: 300,
    money: { npv: 4_000_000, pcs: 0.9, pts: 0.95, c: 300_000, d: 0 },
    steps: [
      { daysAgo: 270, gate: 'G1', decision: 'go' },
      { daysAgo: 230, gate: 'G2', decision: 'go' },
      { daysAgo: 180, gate: 'G3', decision: 'go' },
      { daysAgo: 150, kind: 'handover_accepted' },
    ],
    controlledAfterDays: 40,
  },
];

export interface Seeded {
  portfolioId: string;
  portfolioName: string;
  initiatives: Map<string, { id: string; stage: Stage; status: InitiativeStatus }>;
}

const NEXT: Record<Gate, Stage> = { G1: 'experiment', G2: 'develop', G3: 'handover' };

/**
 * Writes the portfolio and its initiatives the way the use cases leave them: the initiative row in its final
 * state, its deliverables, one stage_events row per change (created, each gate decision with its decided
 * review, the handover acceptance), and open reviews for zombies. Times are set in the past so cycle times
 * and the period filter have something to measure.
 */
export async function seedPortfolio(
  ds: DataSource,
  users: { leader: string; alice: string; bob: string },
  name: string,
): Promise<Seeded> {
  const modelId = await ensureDefaultProcessModel(ds);
  const now = Date.now();
  const at = (daysAgo: number): Date => new Date(now - daysAgo * DAY);
  return ds.transaction(async (em) => {
    const [portfolio] = (await em.query(
      `INSERT INTO portfolios (name, description, ambition_targets, horizon_targets, created_by, created_at)
       VALUES ($1, 'Seeded by the browser test', $2, $3, $4, $5) RETURNING id`,
      [
        name,
        JSON.stringify({ core: 70, adjacent: 20, transformational: 10 }),
        JSON.stringify({ H1: 60, H2: 30, H3: 10 }),
        users.leader,
        at(400),
      ],
    )) as { id: string }[];
    const portfolioId = portfolio?.id ?? '';
    const initiatives = new Map<string, { id: string; stage: Stage; status: InitiativeStatus }>();

    for (const seed of SEED) {
      let stage: Stage = 'explore';
      let status: InitiativeStatus = 'active';
      let stageEnteredAt = at(seed.createdDaysAgo);
      const history: {
        kind: string;
        from: [Stage, InitiativeStatus];
        to: [Stage, InitiativeStatus];
        gate: Gate | null;
        decision: Decision | null;
        when: Date;
      }[] = [];
      for (const step of seed.steps) {
        const from: [Stage, InitiativeStatus] = [stage, status];
        const when = at(step.daysAgo);
        if ('kind' in step) {
          stage = 'in_operation';
          status = 'handed_over';
          history.push({ kind: 'handover_accepted', from, to: [stage, status], gate: null, decision: null, when });
        } else {
          if (step.decision === 'go' || step.decision === 'conditional_go') stage = NEXT[step.gate];
          status = step.decision === 'kill' ? 'killed' : step.decision === 'hold' ? 'on_hold' : 'active';
          history.push({ kind: 'decision', from, to: [stage, status], gate: step.gate, decision: step.decision, when });
        }
        if (from[0] !== stage) stageEnteredAt = when;
      }
      const owner = seed.owner === 'alice' ? users.alice : users.bob;
      const m = seed.money;
      const holdUntil = status === 'on_hold' ? new Date(now + 30 * DAY) : null;
      const [row] = (await em.query(
        `INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition,
                                  innovation_type, npv, probability_commercial, probability_technical, commercialization_cost,
                                  remaining_development_cost, cost_to_date, stage, status, hold_until, stage_entered_at,
                                  created_at, updated_at, version)
         VALUES ($1, $2, $3, 'A problem worth solving', 'Customers will pay for it', $4, $5, $6, 'product',
                 $7, $8, $9, $10, $11, 0, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
        [
          portfolioId,
          modelId,
          seed.title,
          owner,
          seed.horizon,
          seed.ambition,
          m?.npv ?? null,
          m?.pcs ?? null,
          m?.pts ?? null,
          m?.c ?? null,
          m?.d ?? null,
          stage,
          status,
          holdUntil,
          stageEnteredAt,
          at(seed.createdDaysAgo),
          history.at(-1)?.when ?? at(seed.createdDaysAgo),
          1 + history.length,
        ],
      )) as { id: string }[];
      const id = row?.id ?? '';
      initiatives.set(seed.title, { id, stage, status });

      for (const [gate, def] of Object.entries(DEFAULT_PROCESS_MODEL.gates)) {
        for (const deliverable of def.deliverables) {
          await em.query(
            `INSERT INTO initiative_deliverables (initiative_id, gate, key, name, status, note) VALUES ($1, $2, $3, $4, 'done', 'attached')`,
            [id, gate, deliverable.key, deliverable.name],
          );
        }
      }
      await em.query(
        `INSERT INTO stage_events (initiative_id, seq, kind, to_stage, to_status, actor_id, actor_label, occurred_at)
         VALUES ($1, 1, 'created', 'explore', 'active', $2, 'browser test seed', $3)`,
        [id, owner, at(seed.createdDaysAgo)],
      );
      let seq = 1;
      let finalGo: { reviewId: string; when: Date } | null = null;
      for (const event of history) {
        seq += 1;
        const reviewId =
          event.kind === 'decision'
            ? await decidedReview(
                em,
                id,
                event.gate as Gate,
                event.decision as Decision,
                event.when,
                owner,
                users.leader,
              )
            : null;
        if (reviewId !== null && event.gate === 'G3' && event.decision === 'go')
          finalGo = { reviewId, when: event.when };
        if (event.kind === 'handover_accepted' && finalGo !== null) {
          await em.query(
            `INSERT INTO handover_packages (initiative_id, review_id, status, product_definition, risks, checklist, submitted_by, submitted_at,
                                            decided_by, decided_at, decision_reason, approved_at, controlled_at, created_at)
             VALUES ($1, $2, 'accepted', '{}', '[]', '[]', $3, $4, $5, $6, 'seeded acceptance', $6, $7, $8)`,
            [
              id,
              finalGo.reviewId,
              owner,
              new Date(event.when.getTime() - 5 * DAY),
              users.leader,
              event.when,
              new Date(finalGo.when.getTime() + (seed.controlledAfterDays ?? 0) * DAY),
              finalGo.when,
            ],
          );
        }
        await em.query(
          `INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision,
                                     review_id, actor_id, actor_label, reason, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'browser test seed', $12, $13)`,
          [
            id,
            seq,
            event.kind,
            event.from[0],
            event.from[1],
            event.to[0],
            event.to[1],
            event.gate,
            event.decision,
            reviewId,
            users.leader,
            event.kind === 'decision' ? `seeded ${event.decision}` : null,
            event.when,
          ],
        );
      }
      if (seed.learning !== undefined) {
        const l = seed.learning;
        const resolved = l.validated + l.invalidated;
        await em.query(
          `INSERT INTO initiative_learning_rollups (initiative_id, assumptions, validated, invalidated, learnings, experiment_cost, learning_velocity, cost_per_learning)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            id,
            resolved + 1,
            l.validated,
            l.invalidated,
            l.learnings,
            l.cost,
            Math.round((resolved / (seed.createdDaysAgo / 30)) * 100) / 100,
            l.cost / l.learnings,
          ],
        );
      }
      if (seed.zombie !== undefined) {
        const deadline = at(seed.zombie.deadlineDaysAgo);
        await em.query(
          `INSERT INTO gate_reviews (initiative_id, gate, status, requested_by, requested_at, chair_id, opened_at, deadline_at)
           VALUES ($1, $2, 'scoring', $3, $4, $5, $6, $7)`,
          [
            id,
            seed.zombie.gate,
            owner,
            new Date(deadline.getTime() - 16 * DAY),
            users.leader,
            new Date(deadline.getTime() - 14 * DAY),
            deadline,
          ],
        );
      }
    }
    return { portfolioId, portfolioName: name, initiatives };
  });
}

/** The decided review a gate decision belongs to (requested two weeks before, deadline two days before). */
async function decidedReview(
  em: EntityManager,
  initiativeId: string,
  gate: Gate,
  decision: Decision,
  when: Date,
  owner: string,
  chair: string,
): Promise<string> {
  const [row] = (await em.query(
    `INSERT INTO gate_reviews (initiative_id, gate, status, requested_by, requested_at, chair_id, opened_at, deadline_at,
                               decision, decision_reason, decided_by, decided_at, hold_until)
     VALUES ($1, $2, 'decided', $3, $4, $5, $6, $7, $8, $9, $5, $10, $11) RETURNING id`,
    [
      initiativeId,
      gate,
      owner,
      new Date(when.getTime() - 14 * DAY),
      chair,
      new Date(when.getTime() - 12 * DAY),
      new Date(when.getTime() + 2 * DAY),
      decision,
      `seeded ${decision}`,
      when,
      decision === 'hold' ? new Date(Date.now() + 30 * DAY) : null,
    ],
  )) as { id: string }[];
  return row?.id ?? '';
}
