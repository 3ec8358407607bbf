import {
  DuplicateIndex,
  rebuildThreshold,
  sharedCount,
  TrigramDictionary,
  trigramSimilarity,
} from '@ambidex/portfolio';
import { newInitiative, newPortfolio } from '@ambidex/testing';
import { Client } from 'pg';
import { TestApp } from '../support/test-app';
import { asDataSource, seedSimilarInitiatives, SIMILAR_TEXT_WORDS } from './similar-texts';

interface Truth {
  id: string;
  similarity: number;
}

/**
 * The in-memory duplicate index against PostgreSQL itself: its trigrams and similarities are pg_trgm's, its
 * answers are those of a scan of every row, and it keeps up with writes it did not make (another process, a
 * transaction that commits late, a delete) and with its own rebuild.
 */
describe('duplicate index', () => {
  let app: TestApp;
  let index: DuplicateIndex;
  let owner: Client; // writes as another process would: the index learns of them only through the database
  let ownerId: string;
  let portfolioId: string;

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    owner = new Client({ connectionString: app.config.database.url });
    await owner.connect();
    ownerId = (await app.newUser(['innovation_lead'])).id;
    portfolioId = await newPortfolio(asDataSource(owner), ownerId);
    await seedSimilarInitiatives(owner, { portfolioId, ownerId, rows: 3_000 });
    index = app.app.get(DuplicateIndex);
    expect(await index.loaded()).toBe(true);
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  /** Every row scored by PostgreSQL, the best `limit` at 0.3 or above, best first, ties by id. */
  async function scanEveryRow(query: { title?: string; problem?: string; excludeId?: string }): Promise<Truth[]> {
    const params: unknown[] = [query.excludeId ?? null];
    const scores = (['title', 'problem'] as const)
      .filter((field) => query[field] !== undefined)
      .map((field) => `similarity(${field}_norm, duplicate_text_norm($${params.push(query[field])}::text))`);
    const { rows } = await owner.query<Truth>(
      `SELECT initiative_id AS id, s.similarity FROM initiative_duplicate_texts
         CROSS JOIN LATERAL (SELECT greatest(${scores.join(', ')})::float8 AS similarity) s
        WHERE s.similarity >= 0.3 AND initiative_id IS DISTINCT FROM $1::uuid
        ORDER BY s.similarity DESC, initiative_id LIMIT 5`,
      params,
    );
    return rows;
  }

  async function searched(query: { title?: string; problem?: string; excludeId?: string }): Promise<Truth[]> {
    const found = await index.search(query);
    expect(found).not.toBeNull();
    return (found ?? []).map(({ id, similarity }) => ({ id, similarity }));
  }

  it('splits texts into the trigrams pg_trgm does and scores them as similarity() does', async () => {
    const { rows } = await owner.query<{ a: string; b: string; trigrams: number; similarity: number }>(
      `WITH texts AS (
         (SELECT title_norm AS a, lead(problem_norm) OVER (ORDER BY initiative_id) AS b
            FROM initiative_duplicate_texts ORDER BY initiative_id LIMIT 200)
         UNION ALL SELECT duplicate_text_norm(x), duplicate_text_norm(y) FROM (VALUES
           ('Café crème à la carte', 'cafe creme a la carte'), ('Ünïcødé ßtraße 42', 'strasse 42'),
           ('x', 'x y'), ('a1 b22 c333', 'A1-B22_c333'), ('', 'empty on one side')) AS v(x, y))
       SELECT a, b, coalesce(array_length(show_trgm(a), 1), 0) AS trigrams, similarity(a, b)::float8 AS similarity
         FROM texts WHERE b IS NOT NULL`,
    );
    const dictionary = new TrigramDictionary();
    for (const row of rows) {
      const [a, b] = [dictionary.trigramsOf(row.a), dictionary.trigramsOf(row.b)];
      expect({ text: row.a, trigrams: a.length }).toEqual({ text: row.a, trigrams: row.trigrams });
      expect({ pair: [row.a, row.b], similarity: trigramSimilarity(sharedCount(a, b), a.length, b.length) }).toEqual({
        pair: [row.a, row.b],
        similarity: row.similarity,
      });
    }
    expect(rows.length).toBeGreaterThan(200);
  });

  it('answers what a scan of every row answers: titles, problems, both, an excluded row', async () => {
    const { rows: samples } = await owner.query<{ id: string; title: string; problem: string }>(
      `SELECT id, title, problem FROM initiatives ORDER BY md5(id::text) LIMIT 12`,
    );
    const [one, two] = [SIMILAR_TEXT_WORDS[3]!, SIMILAR_TEXT_WORDS[11]!];
    const queries = samples.flatMap((row, i) => [
      { title: row.title.replace(/^\S+/, one) },
      { problem: `${row.problem.split(' ').slice(0, 8).join(' ')} ${two}` },
      { title: `${two} ${row.title}`, problem: row.problem.split(' ').reverse().join(' ') },
      { title: row.title, problem: row.problem, excludeId: row.id },
      ...(i < 3
        ? [{ title: `${one} ${two} for nobody` }, { title: 'zzz qqq', problem: 'nothing like it at all' }]
        : []),
    ]);
    let withCandidates = 0;
    for (const query of queries) {
      const truth = await scanEveryRow(query);
      expect({ query, found: await searched(query) }).toEqual({ query, found: truth });
      if (truth.length > 0) withCandidates++;
    }
    expect(withCandidates).toBeGreaterThan(queries.length / 2);
  });

  it('sees writes made elsewhere, a transaction that commits late, and deletes', async () => {
    const title = 'Quokka telemetry collars for wildlife parks';
    const late = new Client({ connectionString: app.config.database.url });
    await late.connect();
    try {
      await late.query('BEGIN');
      const lateId = await newInitiative(asDataSource(late), { ownerId, portfolioId, title: `${title} late` });
      const early = await newInitiative(asDataSource(owner), { ownerId, portfolioId, title });
      expect((await searched({ title })).map((row) => row.id)).toEqual([early]);

      await late.query('COMMIT');
      expect((await searched({ title })).map((row) => row.id).sort()).toEqual([early, lateId].sort());

      await owner.query(`UPDATE initiatives SET title = 'Emu hydration stations' WHERE id = $1`, [early]);
      expect(await searched({ title })).toEqual(await scanEveryRow({ title }));
      expect((await searched({ title: 'emu hydration stations' }))[0]?.id).toBe(early);

      await owner.query(`DELETE FROM initiatives WHERE id = $1`, [lateId]);
      expect(await searched({ title })).toEqual(await scanEveryRow({ title }));
      expect(await scanEveryRow({ title })).toEqual([]);
    } finally {
      await late.end();
    }
  });

  it('rebuilds once many rows were written since the load, and still answers the same', async () => {
    const query = { title: `${SIMILAR_TEXT_WORDS[5]} platform for harbours` };
    await seedSimilarInitiatives(owner, { portfolioId, ownerId, rows: rebuildThreshold(3_000) + 10, salt: 'again' });
    expect(await searched(query)).toEqual(await scanEveryRow(query)); // from the overlay; starts the rebuild
    expect(await index.loaded()).toBe(true);
    expect(await searched(query)).toEqual(await scanEveryRow(query));
    const { rows } = await owner.query<{ count: string }>(`SELECT count(*) FROM initiatives`);
    expect(index.size).toBe(Number(rows[0]!.count));
    const metrics = await app.request({ url: '/metrics' });
    expect(/^ambidex_duplicate_index_initiatives (\d+)$/m.exec(metrics.body)?.[1]).toBe(rows[0]!.count);
  });
});
