import { EntityManager } from 'typeorm';

/** Typed reads of a package's own rows: one row type and one mapper each, camelCase out. */

export interface PackageRequirement {
  key: string;
  text: string;
  assumptionId: string | null;
  experimentIds: string[];
  learningIds: string[];
}

interface RequirementRow {
  key: string;
  text: string;
  assumption_id: string | null;
  experiment_ids: string[];
  learning_ids: string[];
}

/** The package's requirements, by key. */
export async function requirementsOf(em: EntityManager, packageId: string): Promise<PackageRequirement[]> {
  const rows = (await em.query(
    `SELECT key, text, assumption_id, experiment_ids, learning_ids FROM handover_requirements WHERE package_id = $1 ORDER BY key`,
    [packageId],
  )) as RequirementRow[];
  return rows.map(toRequirement);
}

function toRequirement(row: RequirementRow): PackageRequirement {
  return {
    key: row.key,
    text: row.text,
    assumptionId: row.assumption_id,
    experimentIds: row.experiment_ids,
    learningIds: row.learning_ids,
  };
}

export interface HandoverActionRecord {
  id: string;
  text: string;
  ownerId: string;
  dueAt: Date;
  doneAt: Date | null;
  doneNote: string | null;
  escalatedAt: Date | null;
}

interface ActionRow {
  id: string;
  text: string;
  owner_id: string;
  due_at: Date;
  done_at: Date | null;
  done_note: string | null;
  escalated_at: Date | null;
}

/** The conditions of an acceptance, as tracked actions, by due date. */
export async function actionsOf(em: EntityManager, packageId: string): Promise<HandoverActionRecord[]> {
  const rows = (await em.query(
    `SELECT id, text, owner_id, due_at, done_at, done_note, escalated_at FROM handover_actions WHERE package_id = $1 ORDER BY due_at`,
    [packageId],
  )) as ActionRow[];
  return rows.map(toAction);
}

function toAction(row: ActionRow): HandoverActionRecord {
  return {
    id: row.id,
    text: row.text,
    ownerId: row.owner_id,
    dueAt: row.due_at,
    doneAt: row.done_at,
    doneNote: row.done_note,
    escalatedAt: row.escalated_at,
  };
}
