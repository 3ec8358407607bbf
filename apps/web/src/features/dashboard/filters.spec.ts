import {
  defaultFilters,
  exportHref,
  filterProblems,
  filtersFromSearch,
  filtersToSearch,
  overviewQuery,
  type DashboardFilters,
} from './filters';

const NOW = new Date('2026-03-15T10:00:00Z');
const OWNER = '0b6f4a8e-58a4-4b8e-9b1a-2f3c4d5e6f70';
const PORTFOLIO = '6d1c2b3a-1111-4222-8333-944455556666';

describe('dashboard filters in the address', () => {
  it('opens on the last year of every portfolio slice', () => {
    expect(defaultFilters(NOW)).toEqual({
      portfolio: '',
      from: '2025-03-15',
      to: '2026-03-15',
      ambition: '',
      horizon: '',
      ownerId: '',
    });
    expect(filtersFromSearch(new URLSearchParams(''), NOW)).toEqual(defaultFilters(NOW));
  });

  it('reads the old dashboard keys, and ignores ambitions and horizons it does not know', () => {
    const f = filtersFromSearch(
      new URLSearchParams(
        `portfolio=${PORTFOLIO}&from=2026-01-01&to=2026-02-28&ambition=core&horizon=H4&owner=${OWNER}`,
      ),
      NOW,
    );
    expect(f).toEqual({
      portfolio: PORTFOLIO,
      from: '2026-01-01',
      to: '2026-02-28',
      ambition: 'core',
      horizon: '',
      ownerId: OWNER,
    });
    expect(filtersFromSearch(new URLSearchParams('owner=all&ambition=radical'), NOW)).toMatchObject({
      ownerId: '',
      ambition: '',
    });
  });

  it('round-trips: the address written for filters reads back as the same filters', () => {
    const cases: DashboardFilters[] = [
      {
        portfolio: PORTFOLIO,
        from: '2026-01-01',
        to: '2026-02-28',
        ambition: 'transformational',
        horizon: 'H3',
        ownerId: OWNER,
      },
      { portfolio: PORTFOLIO, from: '', to: '', ambition: '', horizon: '', ownerId: '' },
      { portfolio: '', from: '2025-12-01', to: '', ambition: 'adjacent', horizon: 'H1', ownerId: '' },
    ];
    for (const f of cases) expect(filtersFromSearch(filtersToSearch(f), NOW)).toEqual(f);
    expect(filtersToSearch(cases[0] as DashboardFilters, { print: '1' }).toString()).toBe(
      `portfolio=${PORTFOLIO}&from=2026-01-01&to=2026-02-28&ambition=transformational&horizon=H3&owner=${OWNER}&print=1`,
    );
  });

  it('a cleared period stays cleared on reload (all time), not the default year', () => {
    const cleared = filtersToSearch({ ...defaultFilters(NOW), from: '', to: '' });
    expect(cleared.toString()).toBe('from=&to=');
    expect(filtersFromSearch(cleared, NOW)).toMatchObject({ from: '', to: '' });
  });

  it('names the field of each problem, as the API does', () => {
    const ok = { ...defaultFilters(NOW), portfolio: PORTFOLIO };
    expect(filterProblems(ok)).toEqual([]);
    expect(filterProblems({ ...ok, ownerId: 'bob' }).map((p) => p.field)).toEqual(['ownerId']);
    expect(filterProblems({ ...ok, from: '2026-03-01', to: '2026-02-01' })).toEqual([
      { field: 'from', reason: 'The period starts after it ends: check From and To.' },
    ]);
    expect(filterProblems({ ...ok, from: '01/03/2026', to: 'soon' }).map((p) => p.field)).toEqual(['from', 'to']);
  });

  it('sends only the filters that are set, by the API names', () => {
    expect(
      overviewQuery({
        portfolio: PORTFOLIO,
        from: '2026-01-01',
        to: '',
        ambition: 'core',
        horizon: '',
        ownerId: OWNER,
      }),
    ).toEqual({
      from: '2026-01-01',
      ambition: 'core',
      ownerId: OWNER,
    });
    expect(
      exportHref(
        { portfolio: PORTFOLIO, from: '2026-01-01', to: '2026-01-31', ambition: '', horizon: 'H2', ownerId: '' },
        'funnel',
      ),
    ).toBe(`/api/insights/portfolios/${PORTFOLIO}/export/funnel.csv?from=2026-01-01&to=2026-01-31&horizon=H2`);
  });
});
