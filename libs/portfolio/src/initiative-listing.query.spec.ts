import { buildDuplicatesQuery, buildListingQuery } from './initiative-listing.query';

const ID = '0b7e2d5c-8f3a-4c1e-9d2b-6a5f4e3d2c1b';

describe('buildListingQuery', () => {
  it('binds every filter value and orders by the sort column then id', () => {
    const { sql, params } = buildListingQuery({
      filters: { portfolioId: ID, stage: 'explore', status: 'active', q: "50%'; DROP TABLE initiatives; --" },
      sort: 'createdAt',
      direction: 'desc',
      limit: 25,
    });
    expect(sql).toMatch(
      /WHERE portfolio_id = \$1 AND stage = \$2 AND status = \$3 AND \(title ILIKE \$4 OR problem ILIKE \$4\)/,
    );
    expect(sql).toMatch(/ORDER BY created_at DESC, id DESC\s+LIMIT \$5$/);
    expect(sql).not.toContain('DROP');
    expect(params).toEqual([ID, 'explore', 'active', "%50\\%'; DROP TABLE initiatives; --%", 26]);
  });

  it('continues after the cursor in the direction of the sort', () => {
    const asc = buildListingQuery({
      filters: {},
      sort: 'title',
      direction: 'asc',
      limit: 10,
      cursor: { sort: 'title', direction: 'asc', value: 'Beta', id: ID },
    });
    expect(asc.sql).toContain('WHERE (title, id) > ($1::text, $2::uuid)');
    expect(asc.sql).toMatch(/ORDER BY title ASC, id ASC/);
    const desc = buildListingQuery({
      filters: { ownerId: ID },
      sort: 'updatedAt',
      direction: 'desc',
      limit: 10,
      cursor: { sort: 'updatedAt', direction: 'desc', value: '2026-01-01T00:00:00.000001Z', id: ID },
    });
    expect(desc.sql).toContain('WHERE owner_id = $1 AND (updated_at, id) < ($2::timestamptz, $3::uuid)');
    expect(desc.params).toEqual([ID, '2026-01-01T00:00:00.000001Z', ID, 11]);
  });

  it('has no WHERE without filters', () => {
    expect(buildListingQuery({ filters: {}, sort: 'createdAt', direction: 'asc', limit: 1 }).sql).not.toContain(
      'WHERE',
    );
  });
});

describe('buildDuplicatesQuery', () => {
  it('walks the nearest titles and the nearest problems by distance, excluding the initiative itself, then keeps the similar ones', () => {
    const built = buildDuplicatesQuery({ title: 'Solar drones', problem: 'Batteries run out', excludeId: ID });
    expect(built?.sql).toContain(
      'WHERE initiative_id <> $2::uuid ORDER BY title_norm <-> duplicate_text_norm($3::text) LIMIT $1',
    );
    expect(built?.sql).toContain(
      'WHERE initiative_id <> $2::uuid ORDER BY problem_norm <-> duplicate_text_norm($4::text) LIMIT $1',
    );
    expect(built?.sql).toContain(
      'greatest(similarity(t.title_norm, duplicate_text_norm($3::text)), similarity(t.problem_norm, duplicate_text_norm($4::text)))',
    );
    expect(built?.sql).toMatch(/WHERE s\.similarity >= \$5\s+ORDER BY s\.similarity DESC, i\.id\s+LIMIT \$1$/);
    expect(built?.params).toEqual([5, ID, 'Solar drones', 'Batteries run out', 0.3]);
  });

  it('uses only the texts given, and nothing without text', () => {
    const problemOnly = buildDuplicatesQuery({ problem: 'x y z' });
    expect(problemOnly?.sql).not.toContain('title_norm <->');
    expect(problemOnly?.sql).not.toContain('WHERE initiative_id');
    expect(problemOnly?.params).toEqual([5, 'x y z', 0.3]);
    expect(buildDuplicatesQuery({ title: '  ' })).toBeNull();
  });
});
