/**
 * The one place the rule lives: a learning is current until a correction supersedes it (another learning whose
 * supersedes_id is its id; at most one, by a unique index). `alias` names the learnings row in the caller's SQL.
 */
export function correctedLearningSql(alias: string): string {
  return `EXISTS (SELECT 1 FROM learnings correction WHERE correction.supersedes_id = ${alias}.id)`;
}

export function currentLearningSql(alias: string): string {
  return `NOT ${correctedLearningSql(alias)}`;
}

/** The correction's id, or null while the learning is current. */
export function correctionIdSql(alias: string): string {
  return `(SELECT correction.id FROM learnings correction WHERE correction.supersedes_id = ${alias}.id)`;
}
