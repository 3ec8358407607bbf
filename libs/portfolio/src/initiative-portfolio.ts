import { InitiativeNotFoundError } from './domain/portfolio.errors';

/** The portfolio of an initiative, for other contexts' events, read in the caller's transaction. */
export async function portfolioOfInitiative(
  sql: { query(sql: string, params?: unknown[]): Promise<unknown> },
  initiativeId: string,
): Promise<string> {
  const [row] = (await sql.query(`SELECT portfolio_id FROM initiatives WHERE id = $1`, [initiativeId])) as {
    portfolio_id: string;
  }[];
  if (row === undefined) throw new InitiativeNotFoundError(initiativeId);
  return row.portfolio_id;
}
