/**
 * The duplicate search part of `npm run bench:initiatives`: for each new idea, the exact SQL the create runs
 * (buildDuplicatesQuery, in its own transaction with duplicateCheckSettings), timed over every idea twice after a
 * warm-up pass. Each run has the background job's budget, so the figures are the search's own time, and counts as
 * "within the create's budget" when it took no longer than DUPLICATE_CHECK_BUDGET_MS. In the same run, two
 * baselines: a primary-key lookup of one initiative (the listing's baseline, passed in) and the threshold scan this
 * search replaced, on a sample of the ideas. Prints EXPLAIN (ANALYZE, BUFFERS) of the search for one idea of each kind.
 */
import { buildDuplicatesQuery, duplicateCheckSettings } from '@ambidex/portfolio';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { explain, fmt, indent, inTransaction, percentiles, planSummary } from './explain-helpers';

export interface NewIdea {
  kind: 'fresh' | 'similar title' | 'similar problem';
  title: string;
  problem: string;
}

interface Options {
  /** p50 of the listing's primary-key baseline, measured in the same run. */
  baselineP50: number;
  /** DUPLICATE_CHECK_BUDGET_MS: what the create waits. */
  checkBudgetMs: number;
  /** DUPLICATE_CHECK_BACKGROUND_BUDGET_MS: what the background job waits, the budget of every timed run. */
  backgroundBudgetMs: number;
  say: (line: string) => void;
}

const PASSES = 2;
/** The threshold scan is a second or more a run at a million rows; a few ideas show it. */
const THRESHOLD_SAMPLE = 3;

export interface DuplicatesBench {
  /** For the summary table: the search by kind of idea and overall, the threshold scan it replaced. */
  rows: string[][];
  /** The walk's p50 over every idea. */
  p50: number;
  /** Per idea (in order), the similarities the walk found on its last pass. */
  similarities: number[][];
}

export async function benchDuplicates(client: Client, ideas: NewIdea[], options: Options): Promise<DuplicatesBench> {
  const { say, baselineP50, checkBudgetMs, backgroundBudgetMs } = options;
  const built = ideas.map((idea) => {
    const query = buildDuplicatesQuery({ title: idea.title, problem: idea.problem });
    if (query === null) throw new Error(`no text in ${JSON.stringify(idea)}`);
    return { idea, ...query };
  });

  for (const { sql, params } of built) await budgeted(client, sql, params, backgroundBudgetMs); // warm-up pass
  const samples: { kind: NewIdea['kind']; ms: number; ok: boolean; found: number }[] = [];
  const similarities: number[][] = [];
  for (let pass = 0; pass < PASSES; pass++)
    for (const [i, { idea, sql, params }] of built.entries()) {
      const run = await budgeted(client, sql, params, backgroundBudgetMs);
      samples.push({ kind: idea.kind, ...run, found: run.similarities.length, ok: run.ok && run.ms <= checkBudgetMs });
      similarities[i] = run.similarities;
    }

  let examplePlan = '';
  for (const kind of ['fresh', 'similar title', 'similar problem'] as const) {
    const example = built.find((b) => b.idea.kind === kind);
    if (example === undefined) continue;
    const plan = await inTransaction(client, duplicateCheckSettings(60_000), () =>
      explain(client, example.sql, example.params),
    );
    examplePlan ||= plan;
    say(
      `\n### duplicates of a new idea, ${kind}: “${example.idea.title}” / “${example.idea.problem}”\n${indent(plan)}`,
    );
  }

  const rows: string[][] = [];
  const summarise = (label: string, of: typeof samples): void => {
    const times = percentiles(of.map((s) => s.ms));
    const ok = of.filter((s) => s.ok).length;
    const found = of.filter((s) => s.found > 0).length;
    say(
      `${label}: p50 ${fmt(times.p50)} ms, p95 ${fmt(times.p95)} ms, max ${fmt(times.max)} ms, ${ok}/${of.length} within the ${checkBudgetMs} ms budget, ${found} with candidates`,
    );
    rows.push([
      `${label} (budget ${checkBudgetMs} ms)`,
      fmt(times.p50),
      fmt(times.p95),
      `${ok}/${of.length} ok`,
      fmt(times.p50 / baselineP50),
      label.endsWith('all') ? planSummary(examplePlan) : '',
    ]);
  };
  say(`\nduplicate search, ${ideas.length} new ideas × ${PASSES} passes after a warm-up pass:`);
  summarise('duplicates of a new idea, all', samples);
  for (const kind of ['fresh', 'similar title', 'similar problem'] as const)
    summarise(
      `duplicates of a new idea, ${kind}`,
      samples.filter((s) => s.kind === kind),
    );

  // The threshold scan this search replaced, on the first ideas, with the same budget.
  const before: number[] = [];
  let beforeOk = 0;
  for (const { idea } of built.slice(0, THRESHOLD_SAMPLE)) {
    const old = thresholdScan(idea);
    await budgeted(client, old.sql, old.params, backgroundBudgetMs);
    const run = await budgeted(client, old.sql, old.params, backgroundBudgetMs);
    before.push(run.ms);
    if (run.ok && run.ms <= checkBudgetMs) beforeOk += 1;
  }
  const old = percentiles(before);
  say(
    `threshold scan it replaced (GIN, %), ${before.length} ideas: p50 ${fmt(old.p50)} ms, max ${fmt(old.max)} ms, ${beforeOk}/${before.length} within the ${checkBudgetMs} ms budget`,
  );
  rows.push([
    `threshold scan it replaced, ${before.length} ideas (budget ${checkBudgetMs} ms)`,
    fmt(old.p50),
    fmt(old.max),
    `${beforeOk}/${before.length} ok`,
    fmt(old.p50 / baselineP50),
    'bitmap ix_initiatives_title_trgm + bitmap ix_initiatives_problem_trgm',
  ]);
  return { rows, p50: percentiles(samples.map((sample) => sample.ms)).p50, similarities };
}

/** One run as the create makes it: its own transaction with the settings and the budget; a cancelled run counts at its time. */
async function budgeted(
  client: Client,
  sql: string,
  params: unknown[],
  budgetMs: number,
): Promise<{ ms: number; ok: boolean; similarities: number[] }> {
  const t0 = performance.now();
  const result = await inTransaction(client, duplicateCheckSettings(budgetMs), () =>
    client.query<{ similarity: number }>(sql, params),
  ).then(
    (r) => ({ ok: true, similarities: r.rows.map((row) => row.similarity) }),
    (error: { code?: string }) => {
      if (error.code !== '57014') throw error;
      return { ok: false, similarities: [] };
    },
  );
  return { ms: performance.now() - t0, ...result };
}

/** The search before migration 1795002400000: pg_trgm's `%` over initiatives, served by the GIN trigram indexes. */
function thresholdScan(idea: NewIdea): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT id, portfolio_id AS "portfolioId", title, stage, status,
                 greatest(similarity(title, $1), similarity(problem, $2))::float8 AS similarity
            FROM initiatives WHERE (title % $1 OR problem % $2)
           ORDER BY similarity DESC, id LIMIT 5`,
    params: [idea.title, idea.problem],
  };
}
