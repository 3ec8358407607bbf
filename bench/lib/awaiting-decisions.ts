/**
 * Gate reviews made 'awaiting_decision' in bulk by SQL, and the check that each decision left exactly its rows: what
 * bench:decisions and bench:scale decide through the API.
 */
import { AuthenticationService, UsersService } from '@ambidex/identity';
import { SYSTEM_ACTOR } from '@ambidex/platform';
import { INestApplicationContext } from '@nestjs/common';
import { Sql } from './bench-seed';

/** The chair who decides (leadership, signed in) and the owner of the initiatives decided on. */
export async function chairAndOwner(
  app: INestApplicationContext,
): Promise<{ chair: { id: string; email: string }; ownerId: string; accessToken: string }> {
  const password = 'correct horse battery staple';
  const users = app.get(UsersService);
  const chair = await users.create(SYSTEM_ACTOR, {
    email: 'bench.chair@example.test',
    displayName: 'Bench Chair',
    password,
    roles: ['leadership'],
  });
  const owner = await users.create(SYSTEM_ACTOR, {
    email: 'bench.owner@example.test',
    displayName: 'Bench Owner',
    password,
    roles: ['innovation_lead'],
  });
  const { accessToken } = await app.get(AuthenticationService).login(chair.email, password, '127.0.0.1');
  return { chair: { id: chair.id, email: chair.email }, ownerId: owner.id, accessToken };
}

export interface AwaitingIds {
  portfolio: string;
  model: string;
  owner: string;
  chair: string;
}

/** `count` initiatives in explore, each with its 'created' event and a G1 review awaiting this chair's decision. */
export async function seedAwaitingDecision(sql: Sql, ids: AwaitingIds, count: number): Promise<string[]> {
  const outcome = { passed: true, proposal: 'go', weightedMean: 8, passMark: 6, knockouts: [] };
  const rows = (await sql.query(
    `WITH ini AS (
       INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition, innovation_type,
                                npv, probability_commercial, probability_technical, commercialization_cost, remaining_development_cost, cost_to_date)
       SELECT $1, $2, 'Bench initiative ' || g || ' ' || md5(random()::text), 'A problem worth solving', 'Customers will pay for it', $3,
              'H2', 'adjacent', 'product', 1000000, 0.6, 0.8, 100000, 200000, 10000
         FROM generate_series(1, $4::int) AS g
       RETURNING id
     ), created AS (
       INSERT INTO stage_events (initiative_id, seq, kind, to_stage, to_status, actor_id, actor_label)
       SELECT id, 1, 'created', 'explore', 'active', $3, 'bench' FROM ini
     ), reviews AS (
       INSERT INTO gate_reviews (initiative_id, gate, status, requested_by, chair_id, opened_at, deadline_at, outcome)
       SELECT id, 'G1', 'awaiting_decision', $3, $5, now(), now() + interval '7 days', $6 FROM ini
       RETURNING id
     ), inbox AS (
       INSERT INTO inbox_items (user_id, kind, subject_type, subject_id, title, dedupe_key)
       SELECT $5, 'decide_review', 'gate_review', id, 'Decide G1', 'decide:' || id FROM reviews
     )
     SELECT id FROM reviews`,
    [ids.portfolio, ids.model, ids.owner, count, ids.chair, JSON.stringify(outcome)],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Problems with the decided reviews: each must have one decision event, two audit entries and two outbox rows. */
export async function checkDecided(sql: Sql, reviewIds: string[]): Promise<string[]> {
  const [row] = (await sql.query(
    `SELECT count(*) FILTER (WHERE r.status <> 'decided' OR r.decision <> 'recycle')::int AS undecided,
            count(*) FILTER (WHERE (SELECT count(*) FROM stage_events e WHERE e.review_id = r.id AND e.kind = 'decision') <> 1)::int AS events,
            count(*) FILTER (WHERE (SELECT count(*) FROM audit_entries a WHERE a.entity_id IN (r.id::text, r.initiative_id::text)
                                      AND a.action IN ('gates.review.decided', 'portfolio.initiative.decision.recycle')) <> 2)::int AS audit,
            count(*) FILTER (WHERE (SELECT count(*) FROM outbox_events o
                                     WHERE (o.event_type = 'gates.review-decided' AND o.aggregate_id = r.id::text)
                                        OR (o.event_type = 'portfolio.stage-changed' AND o.payload->>'reviewId' = r.id::text)) <> 2)::int AS outbox,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inbox_items i WHERE i.subject_id = r.id AND i.done_at IS NULL))::int AS inbox
       FROM gate_reviews r WHERE r.id = ANY($1::uuid[])`,
    [reviewIds],
  )) as { undecided: number; events: number; audit: number; outbox: number; inbox: number }[];
  if (row === undefined) return ['no rows'];
  const problems: string[] = [];
  if (row.undecided > 0) problems.push(`${row.undecided} reviews not decided 'recycle'`);
  if (row.events > 0) problems.push(`${row.events} reviews without exactly one decision event`);
  if (row.audit > 0) problems.push(`${row.audit} reviews without exactly two audit entries`);
  if (row.outbox > 0) problems.push(`${row.outbox} reviews without exactly two outbox rows`);
  if (row.inbox > 0) problems.push(`${row.inbox} reviews whose decide_review inbox item is still open`);
  return problems;
}
