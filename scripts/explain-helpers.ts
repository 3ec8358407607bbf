import { Client } from 'pg';

// Helpers shared by the bench:initiatives scripts (explain-initiatives.ts, explain-duplicates.ts).

export async function explain(client: Client, sql: string, params: unknown[]): Promise<string> {
  const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
  return (result.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
}

/** The plan's access path in a few words, for the summary table. */
export function planSummary(plan: string): string {
  const nodes = [
    ...plan.matchAll(
      /(Index Scan Backward using \w+|Index Scan using \w+|Index Only Scan using \w+|Bitmap Index Scan on \w+|Seq Scan on \w+|Sort|Incremental Sort)/g,
    ),
  ].map((m) =>
    m[1]!
      .replace('Index Scan Backward using', 'idx↓')
      .replace('Index Scan using', 'idx')
      .replace('Bitmap Index Scan on', 'bitmap')
      .replace('Index Only Scan using', 'idx-only'),
  );
  return [...new Set(nodes)].join(' + ');
}

export const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

export async function inTransaction<T>(
  client: Client,
  settings: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    for (const setting of settings) await client.query(setting);
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Nearest-rank p50, p95 and the largest of some timings. */
export function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN };
}
