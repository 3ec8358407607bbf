import { ProblemMessage } from '../../../ui/ProblemMessage';
import { DELIVERY_STATUS_LABELS, useDeliveries } from './queries';

const when = (date: string | null) => (date === null ? '—' : new Date(date).toLocaleString());

/** The latest 50 deliveries of one subscription: status, attempts, the receiver's last answer. */
export function DeliveryLog({ portfolioId, webhookId, url }: { portfolioId: string; webhookId: string; url: string }) {
  const deliveries = useDeliveries(portfolioId, webhookId);
  return (
    <div className="delivery-log">
      <ProblemMessage error={deliveries.error} />
      {deliveries.data?.length === 0 && (
        <p className="hint">No delivery yet: one is sent when an initiative of this portfolio changes stage.</p>
      )}
      {deliveries.data !== undefined && deliveries.data.length > 0 && (
        <table className="data">
          <caption>Deliveries to {url}</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Created</th>
              <th scope="col">Delivered</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.eventId}</code>
                </td>
                <td className={d.status === 'delivered' ? 'met' : d.status === 'failed' ? 'missing' : undefined}>
                  {DELIVERY_STATUS_LABELS[d.status]}
                </td>
                <td className="num">{d.attempts}</td>
                <td>
                  {d.lastStatusCode === null ? '' : `HTTP ${d.lastStatusCode}`}
                  {d.lastError !== null && <span className="hint"> {d.lastError}</span>}
                  {d.lastStatusCode === null && d.lastError === null && '—'}
                </td>
                <td>{when(d.createdAt)}</td>
                <td>{when(d.deliveredAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
