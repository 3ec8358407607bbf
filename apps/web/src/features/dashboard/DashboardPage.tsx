import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { MarketLoopSection } from '../market/MarketLoopSection';
import { DashboardFilterForm } from './DashboardFilterForm';
import { Drilldown, type Drill } from './Drilldown';
import { FigureContext, type FigureMode } from './figure-context';
import { Figures } from './Figures';
import { exportHref, filterProblems, filtersToSearch } from './filters';
import { formatDateTime } from './format';
import { useInsightPortfolios, useOverview } from './queries';
import { Tiles } from './Tiles';
import { useDashboardFilters } from './useDashboardFilters';
import './dashboard.css';

/**
 * The leadership section: a portfolio's figures for the filters in the address, each chart with its data table and
 * CSV export, a click on any figure listing the initiatives behind it, and the printable management review.
 */
export function DashboardPage() {
  const me = useMe();
  const portfolios = useInsightPortfolios();
  const { filters, apply, now, ready } = useDashboardFilters(portfolios.data);
  const problems = filterProblems(filters);
  const invalid = problems.length > 0;
  const overview = useOverview(filters, ready && !invalid);
  const [drill, setDrill] = useState<Drill | null>(null);
  const mode = useMemo<FigureMode>(
    () => ({ print: false, drill: (selection) => setDrill({ selection }), showOne: (one) => setDrill({ one }) }),
    [],
  );
  const data = overview.data;
  const name = data?.overview.portfolio.name ?? 'Dashboard';
  const search = filtersToSearch(filters).toString();

  useEffect(() => {
    document.title = `${name} · Dashboard · Ambidex`;
  }, [name]);

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <header className="dashboard-head">
        <div>
          <p className="kicker">Portfolio dashboard</p>
          <h1 id="dashboard-title">{name}</h1>
          {data !== undefined && <p className="hint">Figures as of {formatDateTime(data.overview.refreshedAt)}</p>}
        </div>
        {ready && (
          <ul className="dashboard-links">
            <li>
              <Link to={`/dashboard/print?${search}`}>Printable page</Link>
            </li>
            <li>
              <a href={exportHref(filters, 'initiatives')} download>
                Export initiatives as CSV
              </a>
            </li>
          </ul>
        )}
      </header>
      <ProblemMessage error={portfolios.error} />
      {portfolios.data?.length === 0 && <p className="notice">There are no portfolios yet.</p>}
      {ready && portfolios.data !== undefined && (
        <DashboardFilterForm
          key={search}
          filters={filters}
          portfolios={portfolios.data}
          now={now}
          problem={
            invalid ? new ApiProblem(422, 'DASHBOARD.FILTERS', 'Check the filters', '', problems) : overview.error
          }
          onApply={apply}
        />
      )}
      {invalid && (
        <p className="problem" role="alert">
          Check the filters: the figures are not loaded until they are right.
        </p>
      )}
      {overview.error !== null && <ProblemMessage error={overview.error} />}
      {!invalid && data !== undefined && (
        <div className="figures" aria-busy={overview.isFetching} data-shown={data.shown}>
          <FigureContext.Provider value={mode}>
            <Tiles overview={data.overview} />
            <Figures overview={data.overview} filters={filters} now={now} />
          </FigureContext.Provider>
        </div>
      )}
      {ready && overview.isPending && !invalid && <p aria-busy="true">Loading the figures…</p>}
      {ready && !invalid && hasRole(me, ['leadership', 'innovation_lead']) && (
        <MarketLoopSection portfolioId={filters.portfolio} from={filters.from} to={filters.to} />
      )}
      {drill !== null && (
        <Drilldown drill={drill} filters={filters} onDrill={mode.drill} onClose={() => setDrill(null)} />
      )}
    </section>
  );
}
