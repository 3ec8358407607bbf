import { SqlRunner } from '@ambidex/platform';
import { ProcessModelDefinition } from './domain/process-model';
import { ProcessModelStatus } from './process-model.entity';

// Typed reads and guarded updates of process_models for activation: each query has its row type and one mapper.

export interface ModelVersion {
  id: string;
  version: number;
  status: ProcessModelStatus;
}

interface ModelVersionRow {
  id: string;
  version: number;
  status: ProcessModelStatus;
}

function versionOf(row: ModelVersionRow): ModelVersion {
  return { id: row.id, version: row.version, status: row.status };
}

/** Every version of a key, oldest first, locked FOR UPDATE until the transaction ends. */
export async function lockModelVersions(sql: SqlRunner, key: string): Promise<ModelVersion[]> {
  const rows = (await sql.query(
    `SELECT id, version, status FROM process_models WHERE key = $1 ORDER BY version FOR UPDATE`,
    [key],
  )) as ModelVersionRow[];
  return rows.map(versionOf);
}

interface IdRow {
  id: string;
}

/** Retires the key's active version; its id, or null when none was active. */
export async function retireActiveVersion(sql: SqlRunner, key: string): Promise<string | null> {
  const [rows] = (await sql.query(
    `UPDATE process_models SET status = 'retired' WHERE key = $1 AND status = 'active' RETURNING id, version`,
    [key],
  )) as [IdRow[], number];
  return rows[0]?.id ?? null;
}

/** Activates a draft; false when it is no longer a draft. */
export async function activateDraft(sql: SqlRunner, id: string): Promise<boolean> {
  const [rows, count] = (await sql.query(
    `UPDATE process_models SET status = 'active', activated_at = now() WHERE id = $1 AND status = 'draft' RETURNING id`,
    [id],
  )) as [IdRow[], number];
  return count === 1 && rows.length === 1;
}

export interface ActiveModel {
  id: string;
  definition: ProcessModelDefinition;
}

interface ActiveModelRow {
  id: string;
  definition: ProcessModelDefinition;
}

/** The active version of a key; null when none is active. */
export async function activeModelOf(sql: SqlRunner, key: string): Promise<ActiveModel | null> {
  const [row] = (await sql.query(`SELECT id, definition FROM process_models WHERE key = $1 AND status = 'active'`, [
    key,
  ])) as ActiveModelRow[];
  return row === undefined ? null : { id: row.id, definition: row.definition };
}

/** The first version of a key; null when the key has none. */
export async function firstVersionOf(sql: SqlRunner, key: string): Promise<string | null> {
  const [row] = (await sql.query(`SELECT id FROM process_models WHERE key = $1 ORDER BY version LIMIT 1`, [
    key,
  ])) as IdRow[];
  return row?.id ?? null;
}

/** Inserts the active first version of a key unless another process did first; its id, or null when it lost. */
export async function insertActiveFirstVersion(
  sql: SqlRunner,
  key: string,
  name: string,
  definition: ProcessModelDefinition,
): Promise<string | null> {
  const [row] = (await sql.query(
    `INSERT INTO process_models (key, version, name, status, definition, created_by, activated_at)
     VALUES ($1, 1, $2, 'active', $3, NULL, now())
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [key, name, JSON.stringify(definition)],
  )) as IdRow[];
  return row?.id ?? null;
}

interface DefinitionRow {
  definition: ProcessModelDefinition;
}

/** The definition of one process model version (gates judge a review by the version its initiative started on). */
export async function processModelDefinition(sql: SqlRunner, id: string): Promise<ProcessModelDefinition | null> {
  const [row] = (await sql.query(`SELECT definition FROM process_models WHERE id = $1`, [id])) as DefinitionRow[];
  return row?.definition ?? null;
}
