import { EntryProblem } from './domain/ingest-entry';

/** What became of one entry: stored, already there (same idempotency key), or refused with its problems. */
export type EntryOutcome =
  | { status: 'stored'; id: string; initiativeId: string }
  | { status: 'duplicate'; id: string; initiativeId: string }
  | { status: 'failed'; problems: EntryProblem[] };

export interface Writer {
  userId: string;
  roles: readonly string[];
}

export function failed(index: number, field: string, reason: string): EntryOutcome {
  return { status: 'failed', problems: [{ index, field, reason }] };
}
