import { SqlRunner } from '@ambidex/platform';
import { AmbitionTargets, HorizonTargets } from './portfolio.entity';

/** A portfolio as a picker lists it. */
export interface PortfolioName {
  id: string;
  name: string;
}

/** A portfolio's name and the mix it aims for, as the dashboards compare against. */
export interface PortfolioTargets extends PortfolioName {
  ambitionTargets: AmbitionTargets;
  horizonTargets: HorizonTargets;
}

interface NameRow {
  id: string;
  name: string;
}

interface TargetsRow extends NameRow {
  ambition_targets: AmbitionTargets;
  horizon_targets: HorizonTargets;
}

/** Every portfolio, by name (then id, so equal names keep one order). */
export async function portfolioNames(sql: SqlRunner): Promise<PortfolioName[]> {
  const rows = (await sql.query(`SELECT id, name FROM portfolios ORDER BY name, id`)) as NameRow[];
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

/** One portfolio's targets; null when there is none. */
export async function portfolioTargets(sql: SqlRunner, id: string): Promise<PortfolioTargets | null> {
  const [row] = (await sql.query(`SELECT id, name, ambition_targets, horizon_targets FROM portfolios WHERE id = $1`, [
    id,
  ])) as TargetsRow[];
  if (row === undefined) return null;
  return { id: row.id, name: row.name, ambitionTargets: row.ambition_targets, horizonTargets: row.horizon_targets };
}

/** Whether a portfolio with this id exists. */
export async function portfolioExists(sql: SqlRunner, id: string): Promise<boolean> {
  const rows = (await sql.query(`SELECT id FROM portfolios WHERE id = $1`, [id])) as Pick<NameRow, 'id'>[];
  return rows.length > 0;
}
