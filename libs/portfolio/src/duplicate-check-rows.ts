import { SqlRunner } from '@ambidex/platform';
import { DuplicateCheckSource } from './duplicate-check.entity';
import { DuplicateCandidate, DuplicateCheck } from './initiative.views';

// Typed statements on initiative_duplicate_checks (with the initiative they are about): a row type and one mapper each.

/** What the background check searches with, and whether a result is kept already. */
export interface DuplicateSubject {
  title: string;
  problem: string;
  ownerId: string;
  checked: boolean;
}

interface DuplicateSubjectRow {
  title: string;
  problem: string;
  owner_id: string;
  checked: boolean;
}

export async function duplicateSubject(sql: SqlRunner, initiativeId: string): Promise<DuplicateSubject | null> {
  const [row] = (await sql.query(
    `SELECT i.title, i.problem, i.owner_id, (c.initiative_id IS NOT NULL) AS checked
       FROM initiatives i LEFT JOIN initiative_duplicate_checks c ON c.initiative_id = i.id WHERE i.id = $1`,
    [initiativeId],
  )) as DuplicateSubjectRow[];
  if (row === undefined) return null;
  return { title: row.title, problem: row.problem, ownerId: row.owner_id, checked: row.checked };
}

interface InitiativeIdRow {
  initiative_id: string;
}

/** Keeps a result unless one is stored already: true when this one was stored. */
export async function insertDuplicateCheck(
  sql: SqlRunner,
  initiativeId: string,
  found: DuplicateCheck,
  source: DuplicateCheckSource,
): Promise<boolean> {
  const inserted = (await sql.query(
    `INSERT INTO initiative_duplicate_checks (initiative_id, candidates, complete, source) VALUES ($1, $2::jsonb, $3, $4)
     ON CONFLICT (initiative_id) DO NOTHING RETURNING initiative_id`,
    [initiativeId, JSON.stringify(found.candidates), found.complete, source],
  )) as InitiativeIdRow[];
  return inserted.length === 1;
}

interface IdRow {
  id: string;
}

/** Initiatives created within the window (and over five minutes ago) that have no stored check, oldest first. */
export async function uncheckedRecentInitiatives(sql: SqlRunner, windowDays: number): Promise<string[]> {
  const rows = (await sql.query(
    `SELECT i.id FROM initiatives i
      WHERE i.created_at > now() - make_interval(days => $1) AND i.created_at < now() - interval '5 minutes'
        AND NOT EXISTS (SELECT 1 FROM initiative_duplicate_checks c WHERE c.initiative_id = i.id)
      ORDER BY i.created_at LIMIT 1000`,
    [windowDays],
  )) as IdRow[];
  return rows.map((r) => r.id);
}

/** An initiative's stored check; nulls when none is stored. */
export interface StoredCheckRow {
  pastWindow: boolean;
  complete: boolean | null;
  checkedAt: Date | null;
  candidates: DuplicateCandidate[] | null;
}

interface StoredCheckDbRow {
  past_window: boolean;
  complete: boolean | null;
  checked_at: Date | null;
  candidates: DuplicateCandidate[] | null;
}

/** null when the initiative does not exist. */
export async function storedCheck(
  sql: SqlRunner,
  initiativeId: string,
  windowDays: number,
): Promise<StoredCheckRow | null> {
  const [row] = (await sql.query(
    `SELECT i.created_at < now() - make_interval(days => $2) AS past_window, c.complete, c.checked_at, c.candidates
       FROM initiatives i LEFT JOIN initiative_duplicate_checks c ON c.initiative_id = i.id WHERE i.id = $1`,
    [initiativeId, windowDays],
  )) as StoredCheckDbRow[];
  if (row === undefined) return null;
  return {
    pastWindow: row.past_window,
    complete: row.complete,
    checkedAt: row.checked_at,
    candidates: row.candidates,
  };
}
