/**
 * The dashboard figures computed straight from the source tables (stage_events, initiatives, gate_reviews,
 * handover_packages, initiative_learning_rollups), with SQL written independently of the read model's refresh:
 * "current" is the state after each initiative's last event before the end, movements are judged by comparing the
 * before and after states, passages pair each stage entry with the next one by a lateral lookup. The read-model
 * test proves the read model equals this; bench:dashboard times both.
 */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface DirectFilters {
  /** UTC days, [fromDay, toDay); null = open. */
  fromDay: string | null;
  toDay: string | null;
  ambition?: string;
  horizon?: string;
  ownerId?: string;
}

const STAGES = ['explore', 'experiment', 'develop', 'handover', 'in_operation'];
const PASSAGE_STAGES = ['explore', 'experiment', 'develop', 'handover'];
const PIPELINE = ['explore', 'experiment', 'develop', 'handover'];
const GATES = ['G1', 'G2', 'G3'];

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000 + 0;
const r2 = (x: number): number => Math.round(x * 100) / 100 + 0;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : r4(a / b));

/** The initiatives of the portfolio that match the filters, as a WHERE clause on alias i. */
function initiativeWhere(portfolioId: string, f: DirectFilters, params: unknown[]): string {
  params.push(portfolioId);
  const where = [`i.portfolio_id = $${params.length}`];
  if (f.ambition !== undefined) where.push(`i.ambition = $${params.push(f.ambition)}`);
  if (f.horizon !== undefined) where.push(`i.horizon = $${params.push(f.horizon)}`);
  if (f.ownerId !== undefined) where.push(`i.owner_id = $${params.push(f.ownerId)}::uuid`);
  return where.join(' AND ');
}

/** Instants of the period's ends: the day boundaries at 00:00 UTC, or ±infinity. */
function bounds(f: DirectFilters): { start: string; end: string } {
  return {
    start: f.fromDay === null ? '-infinity' : `${f.fromDay}T00:00:00Z`,
    end: f.toDay === null ? 'infinity' : `${f.toDay}T00:00:00Z`,
  };
}

export interface DirectOverview {
  funnel: { stage: string; current: number; inflow: number; outflow: number }[];
  gates: {
    gate: string;
    decisions: number;
    go: number;
    conditionalGo: number;
    kill: number;
    hold: number;
    recycle: number;
    conversionRate: number | null;
    killRate: number | null;
    recycleRate: number | null;
    holdRate: number | null;
  }[];
  cycleTimes: { stage: string; medianDays: number | null; p85Days: number | null; samples: number }[];
  balance: {
    ambition: { bucket: string; count: number; share: number; target: number }[];
    horizon: { bucket: string; count: number; share: number; target: number }[];
  };
  ecvRanking: { initiativeId: string; title: string; ecv: number; stage: string; status: string }[];
  bubbles: {
    initiativeId: string;
    title: string;
    probability: number;
    ecv: number;
    remainingCost: number;
    ambition: string;
  }[];
  zombies: { initiativeId: string; title: string; reviewId: string; gate: string; deadlineAt: string }[];
  learning: { velocity: number | null; costPerLearning: number | null };
  handover: {
    decided: number;
    accepted: number;
    acceptanceRate: number | null;
    medianTimeToControlledHours: number | null;
    medianTimeToControlledSeconds: number | null;
  };
  operations: {
    newInitiatives: number;
    fromOperations: number;
    share: number | null;
    decided: number;
    medianDaysToFirstDecision: number | null;
  };
}

type States = { stage: string; ambition: string; horizon: string; n: number }[];
type Moves = { dir: string; stage: string; n: number }[];

/** The state after each initiative's last event before the end, and the movements in the period. */
async function statesAndMoves(
  sql: Sql,
  portfolioId: string,
  f: DirectFilters,
): Promise<{ states: States; moves: Moves }> {
  const { start, end } = bounds(f);
  let params: unknown[] = [];
  let where = initiativeWhere(portfolioId, f, params);
  const states = (await sql.query(
    `SELECT s.to_stage AS stage, s.ambition, s.horizon, count(*)::int AS n
       FROM (SELECT DISTINCT ON (e.initiative_id) e.to_stage, e.to_status, i.ambition, i.horizon
               FROM stage_events e JOIN initiatives i ON i.id = e.initiative_id
              WHERE ${where} AND e.occurred_at < $${params.push(end)}::timestamptz
              ORDER BY e.initiative_id, e.seq DESC) s
      WHERE s.to_status <> 'killed'
      GROUP BY 1, 2, 3`,
    params,
  )) as States;

  // Movements: compare the state before and after each event in the period.
  params = [];
  where = initiativeWhere(portfolioId, f, params);
  const moves = (await sql.query(
    `WITH e AS (
       SELECT e.* FROM stage_events e JOIN initiatives i ON i.id = e.initiative_id
        WHERE ${where} AND e.occurred_at >= $${params.push(start)}::timestamptz AND e.occurred_at < $${params.push(end)}::timestamptz
     )
     SELECT 'in' AS dir, to_stage AS stage, count(*)::int AS n FROM e
      WHERE to_status <> 'killed' AND NOT coalesce(from_stage = to_stage AND from_status <> 'killed', false)
      GROUP BY to_stage
     UNION ALL
     SELECT 'out', from_stage, count(*)::int FROM e
      WHERE from_stage IS NOT NULL AND from_status <> 'killed' AND NOT (to_stage = from_stage AND to_status <> 'killed')
      GROUP BY from_stage
     UNION ALL
     SELECT gate || ':' || decision, gate, count(*)::int FROM e WHERE kind = 'decision' GROUP BY gate, decision`,
    params,
  )) as Moves;
  return { states, moves };
}

function funnelFrom(states: States, moves: Moves): DirectOverview['funnel'] {
  const moved = (dir: string, stage: string): number => moves.find((m) => m.dir === dir && m.stage === stage)?.n ?? 0;
  return STAGES.map((stage) => ({
    stage,
    current: states.filter((s) => s.stage === stage).reduce((acc, s) => acc + s.n, 0),
    inflow: moved('in', stage),
    outflow: moved('out', stage),
  }));
}

/** The funnel alone (what the funnel CSV holds). */
export async function directFunnel(sql: Sql, portfolioId: string, f: DirectFilters): Promise<DirectOverview['funnel']> {
  const { states, moves } = await statesAndMoves(sql, portfolioId, f);
  return funnelFrom(states, moves);
}

export async function directOverview(sql: Sql, portfolioId: string, f: DirectFilters): Promise<DirectOverview> {
  const { start, end } = bounds(f);
  const { states, moves } = await statesAndMoves(sql, portfolioId, f);
  const moved = (dir: string, stage: string): number => moves.find((m) => m.dir === dir && m.stage === stage)?.n ?? 0;
  const funnel = funnelFrom(states, moves);

  const gates = GATES.map((gate) => {
    const c = (decision: string): number => moved(`${gate}:${decision}`, gate);
    const [go, conditionalGo, kill, hold, recycle] = [c('go'), c('conditional_go'), c('kill'), c('hold'), c('recycle')];
    const decisions = go + conditionalGo + kill + hold + recycle;
    return {
      gate,
      decisions,
      go,
      conditionalGo,
      kill,
      hold,
      recycle,
      conversionRate: ratio(go + conditionalGo, decisions),
      killRate: ratio(kill, decisions),
      recycleRate: ratio(recycle, decisions),
      holdRate: ratio(hold, decisions),
    };
  });

  let params: unknown[];
  let where: string;
  // Passages: each stage entry paired with the next entry of the same initiative; kept when the next one is in the period.
  params = [];
  where = initiativeWhere(portfolioId, f, params);
  const passages = (await sql.query(
    `WITH entries AS (
       SELECT e.initiative_id, e.seq, e.to_stage, e.occurred_at
         FROM stage_events e JOIN initiatives i ON i.id = e.initiative_id
        WHERE ${where} AND e.to_status <> 'killed' AND NOT coalesce(e.from_stage = e.to_stage AND e.from_status <> 'killed', false)
     )
     SELECT a.to_stage AS stage, count(*)::int AS n,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM b.occurred_at - a.occurred_at)::float8) AS p50,
            percentile_disc(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM b.occurred_at - a.occurred_at)::float8) AS p85
       FROM entries a
       CROSS JOIN LATERAL (
         SELECT x.occurred_at FROM stage_events x
          WHERE x.initiative_id = a.initiative_id AND x.seq > a.seq
            AND x.to_status <> 'killed' AND NOT coalesce(x.from_stage = x.to_stage AND x.from_status <> 'killed', false)
          ORDER BY x.seq LIMIT 1) b
      WHERE b.occurred_at >= $${params.push(start)}::timestamptz AND b.occurred_at < $${params.push(end)}::timestamptz
      GROUP BY a.to_stage`,
    params,
  )) as { stage: string; n: number; p50: number; p85: number }[];
  const cycleTimes = PASSAGE_STAGES.map((stage) => {
    const p = passages.find((x) => x.stage === stage);
    return {
      stage,
      medianDays: p === undefined ? null : r2(p.p50 / 86400),
      p85Days: p === undefined ? null : r2(p.p85 / 86400),
      samples: p?.n ?? 0,
    };
  });

  const [portfolio] = (await sql.query(`SELECT ambition_targets, horizon_targets FROM portfolios WHERE id = $1`, [
    portfolioId,
  ])) as {
    ambition_targets: Record<string, number>;
    horizon_targets: Record<string, number>;
  }[];
  const shares = (key: 'ambition' | 'horizon', buckets: string[], targets: Record<string, number>) => {
    const live = states.filter((s) => PIPELINE.includes(s.stage));
    const total = live.reduce((acc, s) => acc + s.n, 0);
    return buckets.map((bucket) => {
      const count = live.filter((s) => s[key] === bucket).reduce((acc, s) => acc + s.n, 0);
      return { bucket, count, share: total === 0 ? 0 : r4(count / total), target: r4((targets[bucket] ?? 0) / 100) };
    });
  };
  const balance = {
    ambition: shares('ambition', ['core', 'adjacent', 'transformational'], portfolio?.ambition_targets ?? {}),
    horizon: shares('horizon', ['H1', 'H2', 'H3'], portfolio?.horizon_targets ?? {}),
  };

  // ECV straight from the estimates.
  params = [];
  where = initiativeWhere(portfolioId, f, params);
  const estimated = `${where} AND i.status = 'active' AND i.npv IS NOT NULL AND i.probability_commercial IS NOT NULL
    AND i.probability_technical IS NOT NULL AND i.commercialization_cost IS NOT NULL AND i.remaining_development_cost IS NOT NULL`;
  const ecvSql = `round((i.npv * i.probability_commercial - i.commercialization_cost) * i.probability_technical - i.remaining_development_cost, 2)`;
  const ranking = (await sql.query(
    `SELECT i.id, i.title, ${ecvSql} AS ecv, i.stage, i.status FROM initiatives i WHERE ${estimated} ORDER BY 3 DESC, i.id LIMIT 20`,
    params,
  )) as { id: string; title: string; ecv: string; stage: string; status: string }[];
  const bubbles = (await sql.query(
    `SELECT i.id, i.title, i.probability_commercial * i.probability_technical AS probability, ${ecvSql} AS ecv,
            i.remaining_development_cost AS d, i.ambition
       FROM initiatives i WHERE ${estimated} ORDER BY i.remaining_development_cost DESC, i.id LIMIT 200`,
    params,
  )) as { id: string; title: string; probability: string; ecv: string; d: string; ambition: string }[];

  params = [];
  where = initiativeWhere(portfolioId, f, params);
  const zombies = (await sql.query(
    `SELECT r.id, r.initiative_id, i.title, r.gate, r.deadline_at FROM gate_reviews r JOIN initiatives i ON i.id = r.initiative_id
      WHERE ${where} AND r.status IN ('scoring', 'awaiting_decision') AND r.decided_at IS NULL AND r.deadline_at < now()
      ORDER BY r.deadline_at, r.id LIMIT 100`,
    params,
  )) as { id: string; initiative_id: string; title: string; gate: string; deadline_at: Date }[];

  params = [];
  where = initiativeWhere(portfolioId, f, params);
  const [learning] = (await sql.query(
    `SELECT round(avg(r.learning_velocity), 2) AS velocity, round(avg(r.cost_per_learning), 2) AS cost
       FROM initiative_learning_rollups r JOIN initiatives i ON i.id = r.initiative_id WHERE ${where}`,
    params,
  )) as { velocity: string | null; cost: string | null }[];

  params = [];
  where = initiativeWhere(portfolioId, f, params);
  const s = params.push(start);
  const e = params.push(end);
  const [handover] = (await sql.query(
    `SELECT count(*) FILTER (WHERE p.status IN ('accepted', 'accepted_with_conditions', 'rejected')
                               AND p.decided_at >= $${s}::timestamptz AND p.decided_at < $${e}::timestamptz)::int AS decided,
            count(*) FILTER (WHERE p.status IN ('accepted', 'accepted_with_conditions')
                               AND p.decided_at >= $${s}::timestamptz AND p.decided_at < $${e}::timestamptz)::int AS accepted,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.controlled_at - g.decided_at)::float8)
              FILTER (WHERE p.controlled_at >= $${s}::timestamptz AND p.controlled_at < $${e}::timestamptz AND g.decided_at IS NOT NULL) AS ttc
       FROM handover_packages p JOIN initiatives i ON i.id = p.initiative_id LEFT JOIN gate_reviews g ON g.id = p.review_id
      WHERE ${where}`,
    params,
  )) as { decided: number; accepted: number; ttc: number | null }[];

  params = [];
  where = initiativeWhere(portfolioId, f, params);
  const from = params.push(start);
  const to = params.push(end);
  const [operations] = (await sql.query(
    `SELECT count(*)::int AS created, count(*) FILTER (WHERE i.origin_type IS NOT NULL)::int AS raised,
            count(first.at) FILTER (WHERE i.origin_type IS NOT NULL)::int AS decided,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first.at - i.created_at)::float8)
              FILTER (WHERE i.origin_type IS NOT NULL AND first.at IS NOT NULL) AS wait
       FROM initiatives i
       LEFT JOIN LATERAL (SELECT e.occurred_at AS at FROM stage_events e
                           WHERE e.initiative_id = i.id AND e.kind = 'decision' AND e.gate IS NOT NULL AND e.decision IS NOT NULL
                           ORDER BY e.occurred_at LIMIT 1) first ON true
      WHERE ${where} AND i.created_at >= $${from}::timestamptz AND i.created_at < $${to}::timestamptz`,
    params,
  )) as { created: number; raised: number; decided: number; wait: number | null }[];

  return {
    funnel,
    gates,
    cycleTimes,
    balance,
    ecvRanking: ranking.map((x) => ({
      initiativeId: x.id,
      title: x.title,
      ecv: Number(x.ecv),
      stage: x.stage,
      status: x.status,
    })),
    bubbles: bubbles.map((x) => ({
      initiativeId: x.id,
      title: x.title,
      probability: Number(x.probability),
      ecv: Number(x.ecv),
      remainingCost: Number(x.d),
      ambition: x.ambition,
    })),
    zombies: zombies.map((z) => ({
      initiativeId: z.initiative_id,
      title: z.title,
      reviewId: z.id,
      gate: z.gate,
      deadlineAt: z.deadline_at.toISOString(),
    })),
    learning: {
      velocity: learning?.velocity == null ? null : Number(learning.velocity),
      costPerLearning: learning?.cost == null ? null : Number(learning.cost),
    },
    handover: {
      decided: handover?.decided ?? 0,
      accepted: handover?.accepted ?? 0,
      acceptanceRate: ratio(handover?.accepted ?? 0, handover?.decided ?? 0),
      medianTimeToControlledHours: handover?.ttc == null ? null : r2(handover.ttc / 3600),
      medianTimeToControlledSeconds: handover?.ttc == null ? null : Math.round(Number(handover.ttc)),
    },
    operations: {
      newInitiatives: operations?.created ?? 0,
      fromOperations: operations?.raised ?? 0,
      share: ratio(operations?.raised ?? 0, operations?.created ?? 0),
      decided: operations?.decided ?? 0,
      medianDaysToFirstDecision: operations?.wait == null ? null : r2(operations.wait / 86_400),
    },
  };
}

/** The click-through computed straight from the history: initiatives that received a decision at a gate in a period. */
export async function directDecided(
  sql: Sql,
  portfolioId: string,
  gate: string,
  decision: string,
  f: DirectFilters,
): Promise<string[]> {
  const { start, end } = bounds(f);
  const params: unknown[] = [];
  const where = initiativeWhere(portfolioId, f, params);
  const rows = (await sql.query(
    `SELECT DISTINCT i.id FROM initiatives i JOIN stage_events e ON e.initiative_id = i.id
      WHERE ${where} AND e.kind = 'decision' AND e.gate = $${params.push(gate)} AND e.decision = $${params.push(decision)}
        AND e.occurred_at >= $${params.push(start)}::timestamptz AND e.occurred_at < $${params.push(end)}::timestamptz`,
    params,
  )) as { id: string }[];
  return rows.map((r) => r.id).sort();
}

/** What the other click-throughs select: a movement into or out of a stage, a finished passage, a handover verdict. */
export type DirectSelection =
  { entered: string } | { left: string } | { passed: string } | { handover: 'decided' | 'accepted' };

const ENTERS = (e: string): string =>
  `${e}.to_status <> 'killed' AND NOT coalesce(${e}.from_stage = ${e}.to_stage AND ${e}.from_status <> 'killed', false)`;

/** Those click-throughs straight from the history, with the same before/after rules as the funnel above. */
export async function directSelected(
  sql: Sql,
  portfolioId: string,
  selection: DirectSelection,
  f: DirectFilters,
): Promise<string[]> {
  const { start, end } = bounds(f);
  const params: unknown[] = [];
  const where = initiativeWhere(portfolioId, f, params);
  const inPeriod = (column: string): string =>
    `${column} >= $${params.push(start)}::timestamptz AND ${column} < $${params.push(end)}::timestamptz`;
  let sqlText: string;
  if ('entered' in selection) {
    sqlText = `SELECT DISTINCT i.id FROM initiatives i JOIN stage_events e ON e.initiative_id = i.id
      WHERE ${where} AND e.to_stage = $${params.push(selection.entered)} AND ${ENTERS('e')} AND ${inPeriod('e.occurred_at')}`;
  } else if ('left' in selection) {
    sqlText = `SELECT DISTINCT i.id FROM initiatives i JOIN stage_events e ON e.initiative_id = i.id
      WHERE ${where} AND e.from_stage = $${params.push(selection.left)} AND e.from_status <> 'killed'
        AND NOT (e.to_stage = e.from_stage AND e.to_status <> 'killed') AND ${inPeriod('e.occurred_at')}`;
  } else if ('passed' in selection) {
    sqlText = `SELECT DISTINCT i.id FROM initiatives i JOIN stage_events a ON a.initiative_id = i.id
      CROSS JOIN LATERAL (SELECT x.occurred_at FROM stage_events x WHERE x.initiative_id = a.initiative_id AND x.seq > a.seq AND ${ENTERS('x')}
                           ORDER BY x.seq LIMIT 1) b
      WHERE ${where} AND a.to_stage = $${params.push(selection.passed)} AND ${ENTERS('a')} AND ${inPeriod('b.occurred_at')}`;
  } else {
    const statuses =
      selection.handover === 'accepted'
        ? ['accepted', 'accepted_with_conditions']
        : ['accepted', 'accepted_with_conditions', 'rejected'];
    sqlText = `SELECT DISTINCT i.id FROM initiatives i JOIN handover_packages p ON p.initiative_id = i.id
      WHERE ${where} AND p.status = ANY($${params.push(statuses)}::text[]) AND ${inPeriod('p.decided_at')}`;
  }
  const rows = (await sql.query(sqlText, params)) as { id: string }[];
  return rows.map((r) => r.id).sort();
}
