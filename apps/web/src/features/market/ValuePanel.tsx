import { formatMoney } from '../portfolio/labels';
import { CsvImportForm } from './CsvImportForm';
import { formatMonth } from './market-labels';
import { MonthValueForm } from './MonthValueForm';
import { ScrollTable } from './ScrollTable';
import type { ProductMarket } from './queries';

/** Realised value by month; its owner enters a month (again, to correct it) or imports a CSV. */
export function ValuePanel({ market, editable }: { market: ProductMarket; editable: boolean }) {
  return (
    <section className="panel" aria-labelledby="market-values">
      <h3 id="market-values">Value by month</h3>
      {market.values.length === 0 ? (
        <p>No value recorded yet.</p>
      ) : (
        <ScrollTable label="Value by month: data">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Revenue</th>
                <th scope="col">Cost savings</th>
                <th scope="col">Customers</th>
              </tr>
            </thead>
            <tbody>
              {market.values.map((v) => (
                <tr key={v.month}>
                  <th scope="row">
                    {formatMonth(v.month)}
                    {v.correctedAt !== null && <span className="hint"> (corrected)</span>}
                  </th>
                  <td>{formatMoney(v.revenue)}</td>
                  <td>{formatMoney(v.costSavings)}</td>
                  <td>{v.customers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {editable && (
        <>
          <MonthValueForm initiativeId={market.initiativeId} />
          <CsvImportForm initiativeId={market.initiativeId} />
        </>
      )}
    </section>
  );
}
