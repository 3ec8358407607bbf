/**
 * Rows every bench's data hangs from, inserted in SQL (benches seed at a scale the use cases would take hours for):
 * users without a password, the default process model, portfolios. Takes a pg Client or a TypeORM DataSource.
 */
import { DEFAULT_PROCESS_MODEL } from '@ambidex/portfolio';

export interface Sql {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/** pg answers a result object, TypeORM the rows themselves. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function ids(sql: Sql, text: string, params: unknown[]): Promise<string[]> {
  return rowsOf<{ id: string }>(await sql.query(text, params)).map((r) => r.id);
}

/** `count` users `<prefix>1@bench.local` … of one role (no password: they never sign in); ids ordered by email. */
export async function seedUsers(sql: Sql, prefix: string, count: number, role: string): Promise<string[]> {
  await sql.query(
    `INSERT INTO users (email, display_name, password_hash, roles)
     SELECT $1 || g || '@bench.local', initcap($1) || ' ' || g, 'not-a-hash', ARRAY[$3] FROM generate_series(1, $2::int) g`,
    [prefix, count, role],
  );
  return ids(sql, `SELECT id FROM users WHERE email LIKE $1 || '%@bench.local' ORDER BY email`, [prefix]);
}

/** The active default process model. */
export async function seedProcessModel(sql: Sql): Promise<string> {
  const [model] = await ids(
    sql,
    `INSERT INTO process_models (key, version, name, status, definition, activated_at)
     VALUES ('default', 1, 'Default', 'active', $1, now()) RETURNING id`,
    [JSON.stringify(DEFAULT_PROCESS_MODEL)],
  );
  if (model === undefined) throw new Error('the bench process model was not inserted');
  return model;
}

/** One portfolio per name, created by `createdBy`, with the usual ambition and horizon targets; ids in name order. */
export async function seedPortfolios(sql: Sql, names: string[], createdBy: string): Promise<string[]> {
  return ids(
    sql,
    `INSERT INTO portfolios (name, ambition_targets, horizon_targets, created_by)
     SELECT name, '{"core":70,"adjacent":20,"transformational":10}', '{"H1":60,"H2":30,"H3":10}', $2
       FROM unnest($1::text[]) WITH ORDINALITY AS n(name, ix) ORDER BY ix RETURNING id`,
    [names, createdBy],
  );
}

/** 'Portfolio 01' … 'Portfolio <count>' (zero-padded, so name order is number order). */
export function portfolioNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Portfolio ${String(i + 1).padStart(2, '0')}`);
}
