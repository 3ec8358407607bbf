import { LEARNING_SEARCH_CANDIDATES, matchesCommonWords } from '@ambidex/experiments';
import { newInitiative } from '@ambidex/testing';
import { Client } from 'pg';
import { TestApp, TestUser } from '../support/test-app';

interface Hit {
  learningId: string;
  createdAt: string;
  rank: number;
  highlight: string;
  decision: string;
}

/**
 * Ranking over a bounded candidate set: a word in most learnings ranks only its newest matches, a rare word ranks
 * all of them, and the order is total, so a shorter page is the start of a longer one.
 */
describe('learning search', () => {
  let app: TestApp;
  let owner: TestUser;
  let initiativeId: string;
  const newest = Date.parse('2026-06-01T00:00:00Z');
  const hour = 3_600_000;

  /** Learnings straight into the table (the insert trigger still computes search_vector), one hour apart. */
  async function record(rows: { observed: string; hoursAgo: number; decision?: string }[]): Promise<void> {
    await app.dataSource.query(
      `INSERT INTO learnings (initiative_id, observed, belief, decision, confidence, recorded_by, created_at)
       SELECT $1, r.observed, 'Seen in the field', r.decision, 'medium', $2, r.created_at
         FROM unnest($3::text[], $4::text[], $5::timestamptz[]) AS r(observed, decision, created_at)`,
      [
        initiativeId,
        owner.id,
        rows.map((r) => r.observed),
        rows.map((r) => r.decision ?? 'persevere'),
        rows.map((r) => new Date(newest - r.hoursAgo * hour)),
      ],
    );
  }

  const search = async (query: string): Promise<Hit[]> => {
    const response = await app.request({ url: `/api/learnings/search?${query}`, token: owner.token });
    expect(response.status).toBe(200);
    return response.json<Hit[]>();
  };

  beforeAll(async () => {
    app = await TestApp.startIsolated();
    owner = await app.newUser(['innovation_lead'], 'search-owner');
    initiativeId = await newInitiative(app.dataSource, { ownerId: owner.id });
    // "wombat" is in every learning: 300 more matches than get ranked. The strongest matches (the word five
    // times) are the oldest, outside the newest candidates; inside, every 50th names it three times.
    const total = LEARNING_SEARCH_CANDIDATES + 300;
    await record(
      Array.from({ length: total }, (_, i) => ({
        observed:
          i >= LEARNING_SEARCH_CANDIDATES
            ? 'wombat wombat wombat wombat wombat in the old pilot'
            : i % 50 === 7
              ? `wombat wombat wombat at the clinic, visit ${i}`
              : `A wombat at the kiosk, visit ${i}`,
        hoursAgo: i,
        decision: i % 10 === 3 ? 'kill' : 'persevere',
      })),
    );
    // A rare word, most often in the oldest of its learnings: relevance, not recency, decides.
    await record([
      { observed: 'One quokka seen', hoursAgo: 2 },
      { observed: 'quokka and quokka again', hoursAgo: 5000 },
      { observed: 'quokka, quokka and a third quokka', hoursAgo: 9000 },
    ]);
    // Statistics as autovacuum would leave them; the app's role may not analyze.
    const admin = new Client({ connectionString: app.config.database.url });
    await admin.connect();
    try {
      await admin.query('ANALYZE learnings');
    } finally {
      await admin.end();
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('ranks a very common word among its newest matches only, with highlights', async () => {
    await expect(matchesCommonWords(app.dataSource, 'wombat')).resolves.toBe(true);
    const hits = await search('q=wombat&limit=20');
    expect(hits).toHaveLength(20);
    const oldestCandidate = newest - (LEARNING_SEARCH_CANDIDATES - 1) * hour;
    for (const hit of hits) {
      expect(Date.parse(hit.createdAt)).toBeGreaterThanOrEqual(oldestCandidate);
      expect(hit.highlight).toContain('<mark>wombat</mark>');
    }
    // The 20 learnings naming it three times among the newest 1,000 come first, newest first.
    const strong = hits.filter((h) => h.highlight.includes('clinic'));
    expect(strong).toHaveLength(LEARNING_SEARCH_CANDIDATES / 50);
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
    expect(hits.map((h) => h.createdAt)).toEqual([...hits.map((h) => h.createdAt)].sort().reverse());
  });

  it('keeps filters inside the bounded set', async () => {
    const kills = await search('q=wombat&decision=kill&limit=100');
    expect(kills).toHaveLength(100);
    expect(kills.every((h) => h.decision === 'kill')).toBe(true);
    const before = await search(`q=wombat&to=${encodeURIComponent(new Date(newest - 1100 * hour).toISOString())}`);
    expect(before).toHaveLength(20);
    expect(before.every((h) => h.highlight.includes('old pilot'))).toBe(true);
  });

  it('ranks a rare word by relevance over all its matches', async () => {
    await expect(matchesCommonWords(app.dataSource, 'quokka')).resolves.toBe(false);
    const hits = await search('q=quokka');
    expect(hits).toHaveLength(3);
    expect(hits[0]?.highlight).toContain('a third <mark>quokka</mark>');
    expect(hits[1]?.highlight).toContain('<mark>quokka</mark> again');
    expect(hits[2]?.highlight).toContain('<mark>quokka</mark> seen');
    expect(hits[0]?.rank).toBeGreaterThan(hits[1]?.rank ?? Infinity);
    expect(hits[1]?.rank).toBeGreaterThan(hits[2]?.rank ?? Infinity);
    // Only stop words: nothing to match, and no error.
    await expect(search('q=the')).resolves.toEqual([]);
  });

  it('pages stably: a shorter page is the start of a longer one, and a repeat gives the same order', async () => {
    // Most candidates share one rank; the order among them is newest first, then by id.
    const long = await search('q=wombat&limit=100');
    const short = await search('q=wombat&limit=30');
    expect(short.map((h) => h.learningId)).toEqual(long.slice(0, 30).map((h) => h.learningId));
    expect((await search('q=wombat&limit=100')).map((h) => h.learningId)).toEqual(long.map((h) => h.learningId));
    expect(new Set(long.map((h) => h.learningId)).size).toBe(100);
  });
});
