import { SqlRunner } from '@ambidex/platform';
import { DuplicateCheckSource } from './duplicate-check.entity';
import { DuplicateCandidate, DuplicateCheck } from './initiative.views';

// Typed statements on initiative_duplicate_checks (with the initiative and the text version they are about): a row
// type and one mapper each.

/** What the background check searches with, and whether a result for this text is kept already. */
export interface DuplicateSubject {
  title: string;
  problem: string;
  ownerId: string;
  textVersion: number;
  checked: boolean;
}

interface DuplicateSubjectRow {
  title: string;
  problem: string;
  owner_id: string;
  text_version: number;
  checked: boolean;
}

export async function duplicateSubject(sql: SqlRunner, initiativeId: string): Promise<DuplicateSubject | null> {
  const [row] = (await sql.query(
    `SELECT i.title, i.problem, i.owner_id, t.text_version, coalesce(c.text_version >= t.text_version, false) AS checked
       FROM initiatives i JOIN initiative_duplicate_texts t ON t.initiative_id = i.id
       LEFT JOIN initiative_duplicate_checks c ON c.initiative_id = i.id WHERE i.id = $1`,
    [initiativeId],
  )) as DuplicateSubjectRow[];
  if (row === undefined) return null;
  return {
    title: row.title,
    problem: row.problem,
    ownerId: row.owner_id,
    textVersion: row.text_version,
    checked: row.checked,
  };
}

interface TextVersionRow {
  text_version: number;
}

/** The version of the initiative's title and problem, bumped by the trigger at each change (in the caller's transaction). */
export async function duplicateTextVersion(sql: SqlRunner, initiativeId: string): Promise<number> {
  const [row] = (await sql.query(`SELECT text_version FROM initiative_duplicate_texts WHERE initiative_id = $1`, [
    initiativeId,
  ])) as TextVersionRow[];
  return row?.text_version ?? 1;
}

interface InitiativeIdRow {
  initiative_id: string;
}

/**
 * Keeps a result for a text version unless one for that version or a later one is stored already: true when this one
 * was stored. A result for a newer text replaces the stored one; for the same text the first stored result wins.
 */
export async function insertDuplicateCheck(
  sql: SqlRunner,
  initiativeId: string,
  found: DuplicateCheck,
  source: DuplicateCheckSource,
  textVersion: number,
): Promise<boolean> {
  const inserted = (await sql.query(
    `INSERT INTO initiative_duplicate_checks (initiative_id, candidates, complete, source, text_version)
     VALUES ($1, $2::jsonb, $3, $4, $5)
     ON CONFLICT (initiative_id) DO UPDATE
       SET candidates = EXCLUDED.candidates, complete = EXCLUDED.complete, source = EXCLUDED.source,
           text_version = EXCLUDED.text_version, checked_at = now()
       WHERE initiative_duplicate_checks.text_version < EXCLUDED.text_version
     RETURNING initiative_id`,
    [initiativeId, JSON.stringify(found.candidates), found.complete, source, textVersion],
  )) as InitiativeIdRow[];
  return inserted.length === 1;
}

interface UncheckedRow {
  id: string;
  text_version: number;
}

/**
 * Initiatives created, or changed, within the window (and over five minutes ago) whose current text has no stored
 * check, oldest first. Two branches, each a range of its own timestamp index.
 */
export async function uncheckedRecentInitiatives(
  sql: SqlRunner,
  windowDays: number,
): Promise<{ id: string; textVersion: number }[]> {
  const rows = (await sql.query(
    `SELECT id, text_version FROM (
       SELECT i.id, i.created_at AS at FROM initiatives i
        WHERE i.created_at > now() - make_interval(days => $1) AND i.created_at < now() - interval '5 minutes'
       UNION
       SELECT i.id, i.updated_at FROM initiatives i
        WHERE i.updated_at > now() - make_interval(days => $1) AND i.updated_at < now() - interval '5 minutes'
     ) recent
     JOIN initiative_duplicate_texts t ON t.initiative_id = recent.id
     WHERE NOT EXISTS (
       SELECT 1 FROM initiative_duplicate_checks c WHERE c.initiative_id = recent.id AND c.text_version >= t.text_version)
     ORDER BY recent.at LIMIT 1000`,
    [windowDays],
  )) as UncheckedRow[];
  return [...new Map(rows.map((r) => [r.id, { id: r.id, textVersion: r.text_version }])).values()];
}

/** An initiative's stored check; nulls when none is stored. */
export interface StoredCheckRow {
  pastWindow: boolean;
  /** The stored check is of an earlier title or problem; the check of the current text is still to come. */
  stale: boolean;
  complete: boolean | null;
  checkedAt: Date | null;
  candidates: DuplicateCandidate[] | null;
}

interface StoredCheckDbRow {
  past_window: boolean;
  stale: boolean;
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
    `SELECT CASE WHEN c.text_version < t.text_version THEN i.updated_at ELSE i.created_at END
              < now() - make_interval(days => $2) AS past_window,
            coalesce(c.text_version < t.text_version, false) AS stale, c.complete, c.checked_at, c.candidates
       FROM initiatives i JOIN initiative_duplicate_texts t ON t.initiative_id = i.id
       LEFT JOIN initiative_duplicate_checks c ON c.initiative_id = i.id WHERE i.id = $1`,
    [initiativeId, windowDays],
  )) as StoredCheckDbRow[];
  if (row === undefined) return null;
  return {
    pastWindow: row.past_window,
    stale: row.stale,
    complete: row.complete,
    checkedAt: row.checked_at,
    candidates: row.candidates,
  };
}
