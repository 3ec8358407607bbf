/** Balance targets as a form holds them (text per bucket) and as the API takes them (numbers summing to 100). */
export const AMBITION_BUCKETS = ['core', 'adjacent', 'transformational'] as const;
export const HORIZON_BUCKETS = ['H1', 'H2', 'H3'] as const;

export type ShareDraft<K extends string> = Record<K, string>;

export function draftOfShares<K extends string>(shares: Record<K, number>): ShareDraft<K> {
  return Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, String(v)])) as ShareDraft<K>;
}

/** Numbers for the API; an empty box is sent as NaN's JSON (null), so the API names that bucket. */
export function sharesOfDraft<K extends string>(draft: ShareDraft<K>): Record<K, number> {
  return Object.fromEntries(
    Object.entries(draft).map(([k, v]) => [k, (v as string).trim() === '' ? Number.NaN : Number(v)]),
  ) as Record<K, number>;
}

/** The running sum shown beside the boxes, to a thousandth (the API's tolerance); null while a box is not a number. */
export function sumOfDraft(draft: Record<string, string>): number | null {
  let sum = 0;
  for (const value of Object.values(draft)) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) return null;
    sum += n;
  }
  return Math.round(sum * 1000) / 1000;
}

/** "70 / 20 / 10" in bucket order. */
export function formatShares(shares: Record<string, number>, buckets: readonly string[]): string {
  return buckets.map((b) => shares[b] ?? 0).join(' / ');
}
