/**
 * The in-memory duplicate index (DuplicateIndex) in `npm run bench:initiatives`: its load (time, memory), then each
 * new idea searched as the create searches it (catch-up read, in-memory search, PostgreSQL scoring the proposals),
 * over every idea twice after a warm-up pass, beside the SQL nearest-neighbour walk measured in the same run. Checks
 * the answers: the same similarities as the walk for every idea, and the same rows in the same order as a scan of
 * every row (the threshold scan, no budget) for the first few ideas.
 */
import { AppConfig } from '@ambidex/platform';
import { DuplicateIndex } from '@ambidex/portfolio';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createDataSource } from '../apps/shared/src/migrations';
import { fmt, percentiles } from './explain-helpers';
import type { NewIdea } from './explain-duplicates';

const PASSES = 2;
const EXACT_SAMPLE = 3;

interface Options {
  config: AppConfig;
  url: string;
  /** p50 of the SQL walk over the same ideas, measured in the same run. */
  walkP50: number;
  /** The walk's similarities per idea, in order, to compare with. */
  walkSimilarities: number[][];
  say: (line: string) => void;
}

export async function benchDuplicateIndex(client: Client, ideas: NewIdea[], options: Options): Promise<string[][]> {
  const { say } = options;
  const config = { ...options.config, duplicates: { ...options.config.duplicates, index: 'memory' as const } };
  const dataSource = await createDataSource(config, options.url).initialize();
  try {
    const before = memory();
    const loadStarted = performance.now();
    const index = new DuplicateIndex(dataSource, config);
    if (!(await index.loaded())) throw new Error('the duplicate index did not load');
    const loadMs = performance.now() - loadStarted;
    const after = memory();
    say(
      `\nduplicate index: ${index.size.toLocaleString('en')} initiatives loaded in ${fmt(loadMs / 1000)} s; ` +
        `+${fmt(after.arrayBuffers - before.arrayBuffers)} MB typed arrays, +${fmt(after.heap - before.heap)} MB heap, ` +
        `rss ${fmt(after.rss)} MB`,
    );

    const search = (idea: NewIdea) => index.search({ title: idea.title, problem: idea.problem });
    for (const idea of ideas) await search(idea); // warm-up pass
    const times: number[] = [];
    let sameAsWalk = 0;
    for (let pass = 0; pass < PASSES; pass++)
      for (const [i, idea] of ideas.entries()) {
        const t0 = performance.now();
        const found = (await search(idea)) ?? [];
        times.push(performance.now() - t0);
        const similarities = found.map((row) => round(row.similarity));
        if (JSON.stringify(similarities) === JSON.stringify(options.walkSimilarities[i]?.map(round))) sameAsWalk++;
      }
    let exact = 0;
    for (const idea of ideas.slice(0, EXACT_SAMPLE)) {
      const truth = await scanEveryRow(client, idea);
      const found = ((await search(idea)) ?? []).map((row) => `${row.id} ${round(row.similarity)}`);
      if (JSON.stringify(found) === JSON.stringify(truth)) exact++;
    }
    const { p50, p95, max } = percentiles(times);
    const within = times.filter((ms) => ms <= 100).length;
    say(
      `duplicate index, ${ideas.length} ideas × ${PASSES}: p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms, max ${fmt(max)} ms; ` +
        `${within}/${times.length} within 100 ms; ${fmt(p50 / options.walkP50)}× the SQL walk (p50 ${fmt(options.walkP50)} ms); ` +
        `same similarities as the walk ${sameAsWalk}/${times.length}; same rows as a scan of every row ${exact}/${EXACT_SAMPLE}`,
    );
    return [
      [
        'duplicates of a new idea, in-memory index',
        fmt(p50),
        fmt(p95),
        `${within}/${times.length} ≤ 100 ms`,
        `${fmt(p50 / options.walkP50)}× walk`,
        `load ${fmt(loadMs / 1000)} s, +${fmt(after.arrayBuffers - before.arrayBuffers + after.heap - before.heap)} MB`,
      ],
    ];
  } finally {
    await dataSource.destroy();
  }
}

/** After a full collection when node runs with --expose-gc (npm run bench:initiatives does), so only what is kept counts. */
function memory(): { rss: number; heap: number; arrayBuffers: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  const mb = (bytes: number): number => bytes / 1024 / 1024;
  return { rss: mb(usage.rss), heap: mb(usage.heapUsed), arrayBuffers: mb(usage.arrayBuffers) };
}

const round = (similarity: number): number => Math.round(similarity * 1000) / 1000;

/** Every row scored, the best 5 at 0.3 or above, ties by id: what the index must answer. */
async function scanEveryRow(client: Client, idea: NewIdea): Promise<string[]> {
  const { rows } = await client.query<{ id: string; similarity: number }>(
    `SELECT initiative_id AS id, s.similarity FROM initiative_duplicate_texts
       CROSS JOIN LATERAL (SELECT greatest(similarity(title_norm, duplicate_text_norm($1)),
                                           similarity(problem_norm, duplicate_text_norm($2)))::float8 AS similarity) s
      WHERE s.similarity >= 0.3 ORDER BY s.similarity DESC, initiative_id LIMIT 5`,
    [idea.title, idea.problem],
  );
  return rows.map((row) => `${row.id} ${round(row.similarity)}`);
}
