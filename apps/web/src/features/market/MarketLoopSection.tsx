import { Link } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { formatMoney } from '../portfolio/labels';
import { formatMonth, formatShare, monthOfDay, VERDICT_LABELS } from './market-labels';
import { useMarketSummary } from './queries';
import { ScrollTable } from './ScrollTable';
import './market.css';

/**
 * The dashboard's market loop: forecast against realised value per handed-over product, the portfolio's vitality
 * index and the innovation budget the period's revenue and savings return.
 */
export function MarketLoopSection({ portfolioId, from, to }: { portfolioId: string; from: string; to: string }) {
  const query = { portfolioId, from: monthOfDay(from), to: monthOfDay(to) };
  const summary = useMarketSummary(query, portfolioId !== '' && from !== '' && to !== '' && query.from <= query.to);
  const s = summary.data;
  return (
    <section className="panel market-loop" aria-labelledby="market-loop-title">
      <h2 id="market-loop-title">Market loop</h2>
      <ProblemMessage error={summary.error} />
      {summary.isPending && <p aria-busy="true">Loading the market figures…</p>}
      {s !== undefined && (
        <>
          <p className="hint">
            {formatMonth(s.from)} to {formatMonth(s.to)}
          </p>
          <dl className="market-tiles">
            <div>
              <dt>Revenue</dt>
              <dd>{formatMoney(s.totals.revenue)}</dd>
            </div>
            <div>
              <dt>Cost savings</dt>
              <dd>{formatMoney(s.totals.costSavings)}</dd>
            </div>
            <div>
              <dt>Vitality index</dt>
              <dd>{formatShare(s.vitalityIndex)}</dd>
            </div>
            <div>
              <dt>Budget returned ({s.reinvestmentPercent} %)</dt>
              <dd>{formatMoney(s.budgetReturned)}</dd>
            </div>
            <div>
              <dt>Feedback</dt>
              <dd>
                {s.feedback.positive} positive, {s.feedback.neutral} neutral, {s.feedback.negative} negative
              </dd>
            </div>
          </dl>
          {s.products.length === 0 ? (
            <p>No handed-over products in this portfolio yet.</p>
          ) : (
            <ScrollTable label="Forecast against realised per product: data">
              <table className="data">
                <caption>Forecast at G3 against realised value, per handed-over product</caption>
                <thead>
                  <tr>
                    <th scope="col">Product</th>
                    <th scope="col">Forecast ECV</th>
                    <th scope="col">Realised in the period</th>
                    <th scope="col">Realised to date</th>
                    <th scope="col">Share of ECV</th>
                  </tr>
                </thead>
                <tbody>
                  {s.products.map((p) => (
                    <tr key={p.initiativeId}>
                      <th scope="row">
                        <Link to={`/initiatives/${p.initiativeId}#market`}>{p.title}</Link>
                      </th>
                      <td>{formatMoney(p.forecast?.ecv)}</td>
                      <td>{formatMoney(p.period.revenue + p.period.costSavings)}</td>
                      <td>{formatMoney(p.realisedToDate)}</td>
                      <td>{formatShare(p.realisedShareOfEcv)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
          {s.reviews.length > 0 && (
            <>
              <h3>Post-launch reviews due in the period</h3>
              <ul className="plain">
                {s.reviews.map((r) => (
                  <li key={r.id}>
                    <Link to={`/initiatives/${r.initiativeId}#market`}>{r.title}</Link>, {r.months} months:{' '}
                    {r.verdict === null ? 'open' : (VERDICT_LABELS[r.verdict] ?? r.verdict)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
