/**
 * Generates initiatives with realistic, legal stage histories straight in SQL (INSERT … SELECT, a recursive walk
 * through the stage machine), for the read-model test and bench:dashboard. Every history starts with a 'created'
 * event and follows libs/portfolio's transition rules, so each initiative's stage and status equal its last event.
 *
 * Per step of an initiative that is still moving (active or on hold), with the time advancing 1 to `maxStepDays` days:
 *   - it stops (work in progress) with probability `stopProbability`, or when the next step would be in the future;
 *   - on hold: the hold expires (back to active);
 *   - active in explore, experiment or develop: a gate decision at G1, G2 or G3, drawn from `decisionMix` (default
 *     go 43 %, conditional go 10 %, recycle 20 %, hold 12 %, kill the remaining 15 %);
 *   - active in handover: the quality head accepts (80 %, into operation) or rejects it (back to develop).
 * Alongside: a G3 review and a handover package for every handover verdict (accepted, accepted with conditions,
 * rejected; controlled 5–60 days after acceptance for 70 % of accepted ones, when that is in the past), open gate
 * reviews with deadlines on 8 % of the initiatives still active in a gated stage (half overdue), and learning
 * roll-ups for 70 % of initiatives.
 */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface HistoryOptions {
  /** Generated ids derive from md5(`${tag}-${ix}`), so they are stable and unique per tag. */
  tag: string;
  /** Initiatives ix in [fromIx, toIx] are generated (inclusive). */
  fromIx: number;
  toIx: number;
  portfolioIds: readonly string[];
  /** Weights of the portfolios (same length); initiatives are spread by them. Default: equal. */
  portfolioWeights?: readonly number[];
  ownerIds: readonly string[];
  processModelId: string;
  /** Histories start between these instants. */
  start: Date;
  end: Date;
  /** No event after this instant. */
  now: Date;
  stopProbability?: number;
  /** Longest time between two events; default 60 days. */
  maxStepDays?: number;
  /** Shares of gate decisions; kill takes what is left. */
  decisionMix?: { go: number; conditionalGo: number; recycle: number; hold: number };
}

export const DEFAULT_DECISION_MIX = { go: 0.43, conditionalGo: 0.1, recycle: 0.2, hold: 0.12 };

/** Portfolio of initiative ix by cumulative weight: a deterministic hash of ix picks it. */
function portfolioExpression(weights: readonly number[], ix: string): string {
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  const cases = weights.map((w, k) => {
    acc += w;
    return `WHEN (hashint4(${ix}) & 2147483647) % 1000000 < ${Math.round((acc / total) * 1_000_000)} THEN ${k + 1}`;
  });
  return `CASE ${cases.join(' ')} ELSE ${weights.length} END`;
}

/** Generates the histories of one range of initiatives; returns how many events were written. */
export async function generateHistories(sql: Sql, o: HistoryOptions): Promise<{ initiatives: number; events: number }> {
  const weights = o.portfolioWeights ?? o.portfolioIds.map(() => 1);
  const stop = o.stopProbability ?? 0.1;
  const mix = o.decisionMix ?? DEFAULT_DECISION_MIX;
  const [goBelow, conditionalBelow, recycleBelow, holdBelow] = [
    mix.go,
    mix.go + mix.conditionalGo,
    mix.go + mix.conditionalGo + mix.recycle,
    mix.go + mix.conditionalGo + mix.recycle + mix.hold,
  ];
  const stepDays = o.maxStepDays ?? 60;
  await sql.query(`DROP TABLE IF EXISTS gen_walk`);
  await sql.query(
    `CREATE TEMP TABLE gen_walk AS
     WITH RECURSIVE walk (ix, seq, kind, from_stage, from_status, stage, status, gate, decision, at) AS (
       SELECT g, 1, 'created'::text, NULL::text, NULL::text, 'explore'::text, 'active'::text, NULL::text, NULL::text,
              date_trunc('milliseconds', $3::timestamptz + random() * ($4::timestamptz - $3::timestamptz))
         FROM generate_series($1::int, $2::int) g
       UNION ALL
       SELECT w.ix, w.seq + 1, n.kind, w.stage, w.status, s.stage, s.status, n.gate, n.decision, n.at
         FROM walk w
         CROSS JOIN LATERAL (SELECT random() + 0 * w.seq AS r, random() + 0 * w.seq AS r_time, random() + 0 * w.seq AS r_stop) d
         CROSS JOIN LATERAL (
           SELECT CASE WHEN w.status = 'on_hold' THEN 'hold_expired'
                       WHEN w.stage = 'handover' THEN CASE WHEN d.r < 0.8 THEN 'handover_accepted' ELSE 'handover_rejected' END
                       ELSE 'decision' END AS kind,
                  CASE WHEN w.status = 'active' AND w.stage IN ('explore', 'experiment', 'develop')
                       THEN CASE w.stage WHEN 'explore' THEN 'G1' WHEN 'experiment' THEN 'G2' ELSE 'G3' END END AS gate,
                  CASE WHEN w.status = 'active' AND w.stage IN ('explore', 'experiment', 'develop')
                       THEN CASE WHEN d.r < ${goBelow} THEN 'go' WHEN d.r < ${conditionalBelow} THEN 'conditional_go' WHEN d.r < ${recycleBelow} THEN 'recycle'
                                 WHEN d.r < ${holdBelow} THEN 'hold' ELSE 'kill' END END AS decision,
                  date_trunc('milliseconds', w.at + make_interval(secs => 86400 + d.r_time * ${stepDays - 1} * 86400)) AS at
         ) n
         CROSS JOIN LATERAL (
           SELECT CASE WHEN n.kind = 'hold_expired' THEN w.stage
                       WHEN n.kind = 'handover_accepted' THEN 'in_operation'
                       WHEN n.kind = 'handover_rejected' THEN 'develop'
                       WHEN n.decision IN ('go', 'conditional_go')
                         THEN CASE w.stage WHEN 'explore' THEN 'experiment' WHEN 'experiment' THEN 'develop' ELSE 'handover' END
                       ELSE w.stage END AS stage,
                  CASE WHEN n.kind = 'handover_accepted' THEN 'handed_over'
                       WHEN n.decision = 'kill' THEN 'killed'
                       WHEN n.decision = 'hold' THEN 'on_hold'
                       ELSE 'active' END AS status
         ) s
        WHERE w.status IN ('active', 'on_hold') AND d.r_stop >= $6::float8 AND n.at < $5::timestamptz AND w.seq < 60
     )
     SELECT * FROM walk`,
    [o.fromIx, o.toIx, o.start, o.end, o.now, stop],
  );
  await sql.query(`CREATE INDEX ON gen_walk (ix, seq)`);
  await sql.query(`ANALYZE gen_walk`);

  // Initiatives in their final state: that of their last event.
  await sql.query(
    `WITH last AS (SELECT DISTINCT ON (ix) ix, stage, status, at FROM gen_walk ORDER BY ix, seq DESC),
          first AS (SELECT ix, at FROM gen_walk WHERE seq = 1)
     INSERT INTO initiatives (id, portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon, ambition,
                              innovation_type, npv, probability_commercial, probability_technical, commercialization_cost,
                              remaining_development_cost, cost_to_date, stage, status, stage_entered_at, created_at, updated_at)
     SELECT md5($1 || '-' || l.ix)::uuid,
            ($2::uuid[])[${portfolioExpression(weights, 'l.ix')}],
            $4::uuid,
            'Initiative ' || $1 || ' ' || lpad(l.ix::text, 7, '0'),
            'A problem worth solving', 'Customers will pay for it',
            ($3::uuid[])[1 + (hashint4(l.ix + 7) & 2147483647) % cardinality($3::uuid[])],
            CASE WHEN (hashint4(l.ix + 11) & 2147483647) % 100 < 55 THEN 'H1' WHEN (hashint4(l.ix + 11) & 2147483647) % 100 < 85 THEN 'H2' ELSE 'H3' END,
            CASE WHEN (hashint4(l.ix + 13) & 2147483647) % 100 < 60 THEN 'core' WHEN (hashint4(l.ix + 13) & 2147483647) % 100 < 88 THEN 'adjacent' ELSE 'transformational' END,
            'product',
            CASE WHEN l.ix % 20 <> 0 THEN round((100000 + random() * 20000000)::numeric, 2) END,
            CASE WHEN l.ix % 20 <> 1 THEN round((0.2 + random() * 0.75)::numeric, 3) END,
            round((0.3 + random() * 0.68)::numeric, 3),
            round((50000 + random() * 2000000)::numeric, 2),
            CASE WHEN l.ix % 20 <> 2 THEN round((20000 + random() * 5000000)::numeric, 2) END,
            round((random() * 1000000)::numeric, 2),
            l.stage, l.status, l.at, f.at, l.at
       FROM last l JOIN first f ON f.ix = l.ix`,
    [o.tag, o.portfolioIds, o.ownerIds, o.processModelId],
  );

  await sql.query(
    `INSERT INTO stage_events (initiative_id, seq, kind, from_stage, from_status, to_stage, to_status, gate, decision, actor_label, occurred_at)
     SELECT md5($1 || '-' || ix)::uuid, seq, kind, from_stage, from_status, stage, status, gate, decision, 'seed', at FROM gen_walk`,
    [o.tag],
  );

  // Every handover verdict: the G3 review whose Go opened the handover (decided at the previous event), and the package.
  await sql.query(
    `WITH verdicts AS (
       SELECT v.ix, v.seq, v.kind, v.at, g.at AS go_at, random() AS r, random() AS r2
         FROM gen_walk v JOIN gen_walk g ON g.ix = v.ix AND g.seq = v.seq - 1
        WHERE v.kind IN ('handover_accepted', 'handover_rejected')
     ), reviews AS (
       INSERT INTO gate_reviews (id, initiative_id, gate, status, requested_at, opened_at, deadline_at, decision, decided_at)
       SELECT md5($1 || '-r-' || ix || '-' || seq)::uuid, md5($1 || '-' || ix)::uuid, 'G3', 'decided', go_at - interval '10 days',
              go_at - interval '9 days', go_at - interval '2 days', 'go', go_at
         FROM verdicts
     )
     INSERT INTO handover_packages (initiative_id, review_id, status, product_definition, risks, checklist, submitted_at, decided_at, approved_at, controlled_at)
     SELECT md5($1 || '-' || ix)::uuid, md5($1 || '-r-' || ix || '-' || seq)::uuid,
            CASE WHEN kind = 'handover_rejected' THEN 'rejected' WHEN r < 0.7 THEN 'accepted' ELSE 'accepted_with_conditions' END,
            '{"title": "seeded"}', '[]', '[]', at - interval '3 days', at,
            CASE WHEN kind = 'handover_accepted' THEN at END,
            CASE WHEN kind = 'handover_accepted' AND r2 < 0.7 AND at + make_interval(secs => 5 * 86400 + r2 * 55 * 86400) < $2::timestamptz
                 THEN date_trunc('milliseconds', at + make_interval(secs => 5 * 86400 + r2 * 55 * 86400)) END
       FROM verdicts`,
    [o.tag, o.now],
  );

  // Open reviews with a deadline on some initiatives still active in a gated stage; about half are overdue.
  await sql.query(
    `INSERT INTO gate_reviews (initiative_id, gate, status, requested_at, opened_at, deadline_at)
     SELECT md5($1 || '-' || l.ix)::uuid, CASE l.stage WHEN 'explore' THEN 'G1' WHEN 'experiment' THEN 'G2' ELSE 'G3' END,
            CASE WHEN l.ix % 3 = 0 THEN 'awaiting_decision' ELSE 'scoring' END,
            $2::timestamptz - interval '40 days', $2::timestamptz - interval '35 days',
            date_trunc('milliseconds', $2::timestamptz + make_interval(secs => (random() * 60 - 30) * 86400))
       FROM (SELECT DISTINCT ON (ix) ix, stage, status FROM gen_walk ORDER BY ix, seq DESC) l
      WHERE l.status = 'active' AND l.stage IN ('explore', 'experiment', 'develop') AND (hashint4(l.ix + 17) & 2147483647) % 100 < 8`,
    [o.tag, o.now],
  );

  await sql.query(
    `INSERT INTO initiative_learning_rollups (initiative_id, assumptions, validated, invalidated, inconclusive, learnings, experiment_cost,
                                             learning_velocity, cost_per_learning)
     SELECT md5($1 || '-' || g)::uuid, 6, 3, 1, 1, CASE WHEN g % 5 = 0 THEN 0 ELSE 1 + g % 7 END, round((random() * 80000)::numeric, 2),
            round((random() * 4)::numeric, 2),
            CASE WHEN g % 5 = 0 THEN NULL ELSE round((500 + random() * 20000)::numeric, 2) END
       FROM generate_series($2::int, $3::int) g
      WHERE (hashint4(g + 19) & 2147483647) % 100 < 70`,
    [o.tag, o.fromIx, o.toIx],
  );

  const [counts] = (await sql.query(
    `SELECT count(DISTINCT ix)::int AS initiatives, count(*)::int AS events FROM gen_walk`,
  )) as {
    initiatives: number;
    events: number;
  }[];
  await sql.query(`DROP TABLE gen_walk`);
  return { initiatives: counts?.initiatives ?? 0, events: counts?.events ?? 0 };
}

/** `count` innovation leads to own the generated initiatives, inserted in one statement (no password: never sign in). */
export async function insertOwners(sql: Sql, emailPrefix: string, count: number): Promise<string[]> {
  const rows = (await sql.query(
    `INSERT INTO users (email, display_name, password_hash, roles)
     SELECT $1 || g || '@insights.test', 'Owner ' || g, 'not-a-hash', ARRAY['innovation_lead'] FROM generate_series(1, $2::int) g
     RETURNING id`,
    [emailPrefix, count],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}
