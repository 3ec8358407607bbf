import { queryRows, SqlRunner } from '@ambidex/platform';
import type { ProcessRecordStatus } from './process-record.entity';

/** For other contexts (a nonconformity about a process record): whether a process record of this id exists. */
export async function processRecordExists(sql: SqlRunner, id: string): Promise<boolean> {
  return (await queryRows(sql, `SELECT 1 FROM process_records WHERE id = $1`, [id])).length > 0;
}

/** For other contexts (the Lean value stream of a process): who owns a process record and whether it is controlled. */
export interface ProcessRecordSummary {
  id: string;
  packageId: string;
  initiativeId: string;
  name: string;
  ownerId: string;
  status: ProcessRecordStatus;
  controlledAt: Date | null;
}

const SUMMARY = `SELECT id, package_id AS "packageId", initiative_id AS "initiativeId", name, owner_id AS "ownerId", status,
  controlled_at AS "controlledAt" FROM process_records`;

export async function processRecordSummary(sql: SqlRunner, id: string): Promise<ProcessRecordSummary | null> {
  const [row] = await queryRows<ProcessRecordSummary>(sql, `${SUMMARY} WHERE id = $1`, [id]);
  return row ?? null;
}

/** The process record a handover package drafted (one per package), if any. */
export async function processRecordOfPackage(sql: SqlRunner, packageId: string): Promise<ProcessRecordSummary | null> {
  const [row] = await queryRows<ProcessRecordSummary>(sql, `${SUMMARY} WHERE package_id = $1`, [packageId]);
  return row ?? null;
}
