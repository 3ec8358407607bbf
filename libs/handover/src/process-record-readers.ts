import { queryRows, SqlRunner } from '@ambidex/platform';

/** For other contexts (a nonconformity about a process record): whether a process record of this id exists. */
export async function processRecordExists(sql: SqlRunner, id: string): Promise<boolean> {
  return (await queryRows(sql, `SELECT 1 FROM process_records WHERE id = $1`, [id])).length > 0;
}
