/** A period as the page keeps it in the address: whole days, both included. */
export interface EvidenceRangeParams {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The last twelve months up to today (UTC): the usual window of a surveillance audit. */
export function defaultRange(today: Date): EvidenceRangeParams {
  const to = today.toISOString().slice(0, 10);
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 364 * DAY)
    .toISOString()
    .slice(0, 10);
  return { from, to };
}

/**
 * The period in the address, or the default for a part that is absent. A present but malformed date is kept as
 * typed, so the API's problem names the field next to the input instead of the page silently changing it.
 */
export function rangeOf(params: URLSearchParams, today: Date): EvidenceRangeParams {
  const fallback = defaultRange(today);
  return { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
}

export function looksLikeDate(value: string): boolean {
  return DATE.test(value);
}

/** The download address of an export; the API records each download. */
export function exportUrl(format: 'pdf' | 'zip', range: EvidenceRangeParams): string {
  const query = new URLSearchParams({ from: range.from, to: range.to });
  return `/api/evidence/export.${format}?${query.toString()}`;
}

/** "12 of 23 clauses have evidence" */
export function coverageLine(covered: number, total: number): string {
  return `${covered} of ${total} clause${total === 1 ? '' : 's'} ${covered === 1 ? 'has' : 'have'} evidence in the period`;
}
