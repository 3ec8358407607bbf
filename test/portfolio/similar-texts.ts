import { ensureDefaultProcessModel } from '@ambidex/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** A few dozen words, so that many initiatives look alike, as in the duplicate bench. */
export const SIMILAR_TEXT_WORDS = [
  'smart', 'green', 'modular', 'predictive', 'remote', 'circular', 'autonomous', 'digital', 'connected', 'adaptive',
  'platform', 'service', 'sensor', 'pump', 'marketplace', 'robot', 'drone', 'kiosk', 'battery', 'charger',
  'farms', 'hospitals', 'schools', 'harbours', 'theatres', 'breweries', 'warehouses', 'clinics', 'stadiums', 'mines',
  'operators', 'nurses', 'teachers', 'dispatchers', 'crews', 'track', 'lose', 'waste', 'manually', 'every',
]; // prettier-ignore

/** Factories written for a DataSource, over a plain client: a write the app under test does not see being made. */
export function asDataSource(client: Client): DataSource {
  return { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as DataSource;
}

/**
 * Inserts `rows` initiatives in one statement whose titles and problems draw on SIMILAR_TEXT_WORDS (plus a code name
 * per title), so near-matches are common; `salt` gives another set of rows.
 */
export async function seedSimilarInitiatives(
  client: Client,
  options: { portfolioId: string; ownerId: string; rows: number; salt?: string },
): Promise<void> {
  const modelId = await ensureDefaultProcessModel(asDataSource(client));
  const word = (hash: string): string => `($5::text[])[1 + abs(hashtext(${hash} || $6)) % array_length($5::text[], 1)]`;
  await client.query(
    `INSERT INTO initiatives (portfolio_id, process_model_id, title, problem, value_hypothesis, owner_id, horizon,
                              ambition, innovation_type, cost_to_date, stage, status)
     SELECT $1, $2, ${word(`n || 'a'`)} || ' ' || ${word(`n || 'b'`)} || ' for ' || ${word(`n || 'c'`)} || ' '
                    || substr(md5(n || $6), 1, 6),
            ${word(`n || 'd'`)} || ' ' || ${word(`n || 'e'`)} || ' ' || ${word(`n || 'f'`)} || ' ' || ${word(`n || 'g'`)}
              || ' ' || ${word(`n || 'h'`)} || ' ' || ${word(`n || 'i'`)} || ' ' || ${word(`n || 'j'`)},
            'Customers will pay for it', $3, 'H2', 'adjacent', 'product', 0, 'explore', 'active'
       FROM generate_series(1, $4::int) AS n`,
    [options.portfolioId, modelId, options.ownerId, options.rows, SIMILAR_TEXT_WORDS, options.salt ?? ''],
  );
}
