import { queryRows, SqlRunner } from '@ambidex/platform';
import type { NcStatus } from './domain/nonconformity-rules';

/** For other contexts (the change request's side of the link): the NCs that raised a change request. */
export interface NonconformityLink {
  id: string;
  number: string;
  status: NcStatus;
}

export async function nonconformitiesOfChangeRequest(
  sql: SqlRunner,
  changeRequestId: string,
): Promise<NonconformityLink[]> {
  return queryRows<NonconformityLink>(
    sql,
    `SELECT id, number, status FROM nonconformities WHERE change_request_id = $1 ORDER BY number`,
    [changeRequestId],
  );
}
