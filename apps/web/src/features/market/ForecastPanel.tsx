import { formatMoney } from '../portfolio/labels';
import { formatShare } from './market-labels';
import type { ProductMarket } from './queries';
import { ScrollTable } from './ScrollTable';

/** The forecast the product was approved on at its G3 Go, frozen in that review's evidence, against what it realised. */
export function ForecastPanel({ market }: { market: ProductMarket }) {
  const figures = market.figures;
  const forecast = figures?.forecast ?? null;
  return (
    <section className="panel" aria-labelledby="market-forecast">
      <h3 id="market-forecast">Forecast against realised</h3>
      {forecast === null ? (
        <p>No G3 Go forecast was found for this product.</p>
      ) : (
        <ScrollTable label="Forecast against realised: data">
          <table className="data">
            <caption className="hint">
              Approved at G3 ({forecast.decision === 'go' ? 'Go' : 'Conditional Go'}) on{' '}
              {new Date(forecast.decidedAt).toLocaleDateString()}
            </caption>
            <tbody>
              <tr>
                <th scope="row">Forecast NPV</th>
                <td>{formatMoney(forecast.npv)}</td>
              </tr>
              <tr>
                <th scope="row">Forecast ECV</th>
                <td>{formatMoney(forecast.ecv)}</td>
              </tr>
              <tr>
                <th scope="row">Realised since the handover (revenue + savings)</th>
                <td>{formatMoney(figures?.realisedToDate ?? 0)}</td>
              </tr>
              <tr>
                <th scope="row">Share of the ECV realised</th>
                <td>{formatShare(figures?.realisedShareOfEcv)}</td>
              </tr>
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}
