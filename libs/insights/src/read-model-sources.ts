import {
  ACCEPTED_PACKAGE_STATUSES,
  CREATED,
  CREATED_FROM_OPERATIONS,
  CYCLE_STAGES,
  DECIDED_PACKAGE_STATUSES,
  HANDOVER_ACCEPTED,
  HANDOVER_DECIDED,
  OPEN_REVIEW_STATUSES,
  OPERATIONS_FIRST_DECISION,
  sampleBucketSql,
  TIME_TO_CONTROLLED,
} from './domain/measures';

/** Something that runs SQL inside the transaction of a refresh or an apply. */
export interface TxSql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Whose contributions to compute: a whole portfolio (the full refresh), or a few of its initiatives (an incremental apply). */
export interface ContributionScope {
  portfolioId: string;
  initiativeIds?: string[];
}

export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/** Every mark of the scope's timelines and creations, one row each (ambition, horizon, measure, day): the cube's input. */
export const MARKS_SQL = `SELECT ambition, horizon, out_measure AS measure, day FROM insights_tmp_events WHERE out_measure IS NOT NULL
                       UNION ALL
                       SELECT ambition, horizon, in_measure, day FROM insights_tmp_events WHERE in_measure IS NOT NULL
                       UNION ALL
                       SELECT ambition, horizon, decision_measure, day FROM insights_tmp_events WHERE decision_measure IS NOT NULL
                       UNION ALL
                       SELECT ambition, horizon, measure, day FROM insights_tmp_package_marks
                       UNION ALL
                       SELECT ambition, horizon, '${CREATED}', (created_at AT TIME ZONE 'UTC')::date FROM insights_tmp_initiatives
                       UNION ALL
                       SELECT ambition, horizon, '${CREATED_FROM_OPERATIONS}', (created_at AT TIME ZONE 'UTC')::date
                         FROM insights_tmp_initiatives WHERE from_operations`;

/**
 * What the scope's initiatives contribute to the read model, straight from the source tables, into temporary tables
 * dropped at commit: insights_tmp_initiatives, _events (each event classified), _packages, _package_marks, _samples.
 * The full refresh and the incremental apply compute with the same statements, so they cannot disagree.
 */
export async function buildContributions(q: TxSql, scope: ContributionScope): Promise<void> {
  const ids = scope.initiativeIds;
  // 1. The portfolio's initiatives with their filter dimensions, estimates and learning roll-up.
  await q.query(
    `CREATE TEMP TABLE insights_tmp_initiatives ON COMMIT DROP AS
       SELECT i.id, i.owner_id, i.title, i.ambition, i.horizon, i.stage, i.status,
              i.created_at, i.origin_type IS NOT NULL AS from_operations, i.npv, i.probability_commercial AS pcs, i.probability_technical AS pts,
              i.commercialization_cost AS c, i.remaining_development_cost AS d,
              r.learning_velocity, r.cost_per_learning
         FROM initiatives i
         LEFT JOIN initiative_learning_rollups r ON r.initiative_id = i.id
        WHERE i.portfolio_id = $1 ${ids === undefined ? '' : 'AND i.id = ANY($2::uuid[])'}`,
    ids === undefined ? [scope.portfolioId] : [scope.portfolioId, ids],
  );
  // A whole portfolio: the planner needs its size to join the history by hash. A few initiatives: index probes.
  if (ids === undefined) await q.query(`ANALYZE insights_tmp_initiatives`);

  // 2. Their history, each event classified (metrics-oracle.ts: leavesStage, entersStage, measuresOf).
  await q.query(
    `CREATE TEMP TABLE insights_tmp_events ON COMMIT DROP AS
       SELECT e.initiative_id, e.seq, e.occurred_at, (e.occurred_at AT TIME ZONE 'UTC')::date AS day, e.to_stage,
              i.ambition, i.horizon,
              CASE WHEN e.from_stage IS NOT NULL AND e.from_status IS NOT NULL AND e.from_status <> 'killed'
                        AND (e.to_stage <> e.from_stage OR e.to_status = 'killed')
                   THEN 'out.' || e.from_stage END AS out_measure,
              CASE WHEN e.to_status <> 'killed'
                        AND (e.from_stage IS NULL OR e.from_stage <> e.to_stage OR e.from_status IS NULL OR e.from_status = 'killed')
                   THEN 'in.' || e.to_stage END AS in_measure,
              CASE WHEN e.kind = 'decision' AND e.gate IS NOT NULL AND e.decision IS NOT NULL
                   THEN e.gate || '.' || e.decision END AS decision_measure
         FROM stage_events e
         JOIN insights_tmp_initiatives i ON i.id = e.initiative_id
        ${ids === undefined ? '' : 'WHERE e.initiative_id = ANY($1::uuid[])'}`,
    ids === undefined ? [] : [ids],
  );

  // 3. Handover packages with the decision time of the G3 review that assembled them (the final Go).
  await q.query(
    `CREATE TEMP TABLE insights_tmp_packages ON COMMIT DROP AS
       SELECT p.initiative_id, i.ambition, i.horizon, p.status, p.decided_at, p.controlled_at, r.decided_at AS final_go_at
         FROM handover_packages p
         JOIN insights_tmp_initiatives i ON i.id = p.initiative_id
         LEFT JOIN gate_reviews r ON r.id = p.review_id
        ${
          ids === undefined
            ? ''
            : // Packages by their initiative: a live one by its partial unique index, a rejected one by its G3 review.
              `WHERE (p.initiative_id = ANY($1::uuid[]) AND p.status <> 'rejected')
                  OR p.review_id IN (SELECT g.id FROM gate_reviews g WHERE g.initiative_id = ANY($1::uuid[]))`
        }`,
    ids === undefined ? [] : [ids],
  );

  // 4. Handover verdicts as marks: decided, and accepted when accepted (on conditions or not).
  await q.query(
    `CREATE TEMP TABLE insights_tmp_package_marks ON COMMIT DROP AS
       SELECT p.initiative_id, p.ambition, p.horizon, m.measure, (p.decided_at AT TIME ZONE 'UTC')::date AS day
         FROM insights_tmp_packages p
         CROSS JOIN LATERAL unnest(CASE WHEN p.status IN (${sqlList(ACCEPTED_PACKAGE_STATUSES)})
                                        THEN ARRAY['${HANDOVER_DECIDED}', '${HANDOVER_ACCEPTED}'] ELSE ARRAY['${HANDOVER_DECIDED}'] END) AS m(measure)
        WHERE p.decided_at IS NOT NULL AND p.status IN (${sqlList(DECIDED_PACKAGE_STATUSES)})`,
  );

  // 5. Samples: stage passages (consecutive stage entries, metrics-oracle.ts passagesOf), time-to-controlled, and
  //    for initiatives raised by operations the time to their first gate decision (by their creation day).
  await q.query(
    `CREATE TEMP TABLE insights_tmp_samples ON COMMIT DROP AS
       SELECT initiative_id, ambition, horizon, metric, day, seconds, ${sampleBucketSql('seconds')} AS bucket FROM (
         SELECT initiative_id, ambition, horizon, metric, day, seconds FROM (
           SELECT initiative_id, ambition, horizon, to_stage AS metric,
                  lead(day) OVER w AS day,
                  extract(epoch FROM (lead(occurred_at) OVER w) - occurred_at)::float8 AS seconds
             FROM insights_tmp_events
            WHERE in_measure IS NOT NULL
           WINDOW w AS (PARTITION BY initiative_id ORDER BY seq)
         ) passages
          WHERE day IS NOT NULL AND metric IN (${sqlList(CYCLE_STAGES)})
         UNION ALL
         SELECT initiative_id, ambition, horizon, '${TIME_TO_CONTROLLED}', (controlled_at AT TIME ZONE 'UTC')::date,
                extract(epoch FROM controlled_at - final_go_at)::float8
           FROM insights_tmp_packages
          WHERE controlled_at IS NOT NULL AND final_go_at IS NOT NULL
         UNION ALL
         SELECT i.id, i.ambition, i.horizon, '${OPERATIONS_FIRST_DECISION}', (i.created_at AT TIME ZONE 'UTC')::date,
                extract(epoch FROM f.first_decision_at - i.created_at)::float8
           FROM insights_tmp_initiatives i
           JOIN (SELECT initiative_id, min(occurred_at) AS first_decision_at
                   FROM insights_tmp_events WHERE decision_measure IS NOT NULL GROUP BY initiative_id) f ON f.initiative_id = i.id
          WHERE i.from_operations
       ) s`,
  );
}

/** The per-initiative rows of the scope as they should be, into insights_tmp_rows (the drift check compares them). */
export async function buildInitiativeRows(q: TxSql, portfolioId: string): Promise<void> {
  await q.query(
    `CREATE TEMP TABLE insights_tmp_rows ON COMMIT DROP AS
       SELECT i.id AS initiative_id, $1::uuid AS portfolio_id, i.owner_id, i.title, i.ambition, i.horizon, i.stage, i.status,
              CASE WHEN i.npv IS NOT NULL AND i.pcs IS NOT NULL AND i.pts IS NOT NULL AND i.c IS NOT NULL AND i.d IS NOT NULL
                   THEN round((i.npv * i.pcs - i.c) * i.pts - i.d, 2)::numeric(20,2) END AS ecv,
              CASE WHEN i.pcs IS NOT NULL AND i.pts IS NOT NULL THEN (i.pcs * i.pts)::numeric(7,6) END AS probability,
              i.d::numeric(16,2) AS remaining_cost, i.learning_velocity::numeric(10,2) AS learning_velocity,
              i.cost_per_learning::numeric(14,2) AS cost_per_learning,
              coalesce(m.days, '{}') AS mark_days, coalesce(m.outs, '{}') AS mark_outflows, coalesce(m.ins, '{}') AS mark_inflows,
              coalesce(m.others, '{}') AS mark_others,
              coalesce(s.metrics, '{}') AS sample_metrics, coalesce(s.days, '{}') AS sample_days, coalesce(s.seconds, '{}') AS sample_seconds,
              (i.created_at AT TIME ZONE 'UTC')::date AS created_day, i.from_operations,
              extract(epoch FROM f.first_decision_at - i.created_at)::float8 AS first_decision_seconds
         FROM insights_tmp_initiatives i
         -- Its first gate decision (operations feed innovation: how long an opportunity waits for a gate).
         LEFT JOIN (
           SELECT initiative_id, min(occurred_at) AS first_decision_at
             FROM insights_tmp_events WHERE decision_measure IS NOT NULL GROUP BY initiative_id
         ) f ON f.initiative_id = i.id
         LEFT JOIN (
           -- One sort of the whole timeline; the aggregates take the rows in that order (temporary tables are never
           -- scanned in parallel), so the four arrays stay aligned element by element.
           SELECT initiative_id, array_agg(day) AS days, array_agg(out_measure) AS outs, array_agg(in_measure) AS ins, array_agg(other) AS others
             FROM (SELECT initiative_id, day, out_measure, in_measure, other FROM (
                     SELECT initiative_id, day, 0 AS k, seq, out_measure, in_measure, decision_measure AS other
                       FROM insights_tmp_events
                      WHERE out_measure IS NOT NULL OR in_measure IS NOT NULL OR decision_measure IS NOT NULL
                     UNION ALL
                     SELECT initiative_id, day, 1, 0, NULL, NULL, measure FROM insights_tmp_package_marks
                   ) u ORDER BY initiative_id, day, k, seq, other) x
            GROUP BY initiative_id
         ) m ON m.initiative_id = i.id
         LEFT JOIN (
           SELECT initiative_id,
                  array_agg(metric ORDER BY day, metric, seconds) AS metrics,
                  array_agg(day ORDER BY day, metric, seconds) AS days,
                  array_agg(seconds ORDER BY day, metric, seconds) AS seconds
             FROM insights_tmp_samples GROUP BY initiative_id
         ) s ON s.initiative_id = i.id`,
    [portfolioId],
  );
}

/** Upserts insights_tmp_rows into the per-initiative rows, rewriting only rows that differ. */
export async function writeInitiativeRows(q: TxSql): Promise<void> {
  await q.query(
    `INSERT INTO insights_initiatives AS t
         (initiative_id, portfolio_id, owner_id, title, ambition, horizon, stage, status, ecv, probability, remaining_cost,
          learning_velocity, cost_per_learning, mark_days, mark_outflows, mark_inflows, mark_others,
          sample_metrics, sample_days, sample_seconds, created_day, from_operations, first_decision_seconds)
       SELECT * FROM insights_tmp_rows
       ON CONFLICT (initiative_id) DO UPDATE SET
         portfolio_id = EXCLUDED.portfolio_id, owner_id = EXCLUDED.owner_id, title = EXCLUDED.title, ambition = EXCLUDED.ambition,
         horizon = EXCLUDED.horizon, stage = EXCLUDED.stage, status = EXCLUDED.status, ecv = EXCLUDED.ecv,
         probability = EXCLUDED.probability, remaining_cost = EXCLUDED.remaining_cost, learning_velocity = EXCLUDED.learning_velocity,
         cost_per_learning = EXCLUDED.cost_per_learning,
         mark_days = EXCLUDED.mark_days, mark_outflows = EXCLUDED.mark_outflows, mark_inflows = EXCLUDED.mark_inflows,
         mark_others = EXCLUDED.mark_others, sample_metrics = EXCLUDED.sample_metrics, sample_days = EXCLUDED.sample_days,
         sample_seconds = EXCLUDED.sample_seconds, created_day = EXCLUDED.created_day,
         from_operations = EXCLUDED.from_operations, first_decision_seconds = EXCLUDED.first_decision_seconds
       WHERE (t.portfolio_id, t.owner_id, t.title, t.ambition, t.horizon, t.stage, t.status, t.ecv, t.probability, t.remaining_cost,
              t.learning_velocity, t.cost_per_learning, t.mark_days, t.mark_outflows, t.mark_inflows, t.mark_others,
              t.sample_metrics, t.sample_days, t.sample_seconds, t.created_day, t.from_operations, t.first_decision_seconds)
             IS DISTINCT FROM
             (EXCLUDED.portfolio_id, EXCLUDED.owner_id, EXCLUDED.title, EXCLUDED.ambition, EXCLUDED.horizon, EXCLUDED.stage, EXCLUDED.status,
              EXCLUDED.ecv, EXCLUDED.probability, EXCLUDED.remaining_cost, EXCLUDED.learning_velocity, EXCLUDED.cost_per_learning,
              EXCLUDED.mark_days, EXCLUDED.mark_outflows, EXCLUDED.mark_inflows, EXCLUDED.mark_others,
              EXCLUDED.sample_metrics, EXCLUDED.sample_days, EXCLUDED.sample_seconds, EXCLUDED.created_day,
              EXCLUDED.from_operations, EXCLUDED.first_decision_seconds)`,
  );
}

/** The scope's open gate reviews with a deadline (zombie candidates), into insights_tmp_zombies. */
export async function buildZombieCandidates(q: TxSql, scope: ContributionScope): Promise<void> {
  const ids = scope.initiativeIds;
  await q.query(
    `CREATE TEMP TABLE insights_tmp_zombies ON COMMIT DROP AS
     SELECT r.id AS review_id, r.initiative_id, i.title, r.gate, r.deadline_at, i.owner_id, i.ambition, i.horizon
       FROM gate_reviews r
       JOIN insights_tmp_initiatives i ON i.id = r.initiative_id
      WHERE r.status IN (${sqlList(OPEN_REVIEW_STATUSES)}) AND r.deadline_at IS NOT NULL AND r.decided_at IS NULL
        ${ids === undefined ? '' : 'AND r.initiative_id = ANY($1::uuid[])'}`,
    ids === undefined ? [] : [ids],
  );
}
