import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../../api/client';
import { TextField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { DeliveryLog } from './DeliveryLog';
import { webhooksKey, type Webhook } from './queries';

/** One subscription: change its URL, pause or resume it, delete it (after a confirmation), read its deliveries. */
export function WebhookRow({ webhook: w }: { webhook: Webhook }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: webhooksKey(w.portfolioId) });
  const path = { params: { path: { portfolioId: w.portfolioId, id: w.id } } };
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [log, setLog] = useState(false);
  const update = useMutation({
    mutationFn: (body: { url?: string; active?: boolean }) =>
      unwrap(api.PATCH('/api/portfolios/{portfolioId}/webhooks/{id}', { ...path, body })),
    onSuccess: async () => {
      setUrl(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/portfolios/{portfolioId}/webhooks/{id}', path)),
    onSuccess: refresh,
  });
  const saveUrl = (e: FormEvent) => {
    e.preventDefault();
    if (url !== null) update.mutate({ url });
  };
  return (
    <li className="card webhook" aria-label={`Webhook ${w.url}`}>
      <p>
        <code>{w.url}</code>{' '}
        <span className={w.active ? 'tag state-done' : 'tag'}>{w.active ? 'Active' : 'Paused'}</span>
      </p>
      <p>Since {new Date(w.createdAt).toLocaleDateString()}</p>
      {url === null ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setUrl(w.url)}>
            Change URL
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => update.mutate({ active: !w.active })}
            disabled={update.isPending}
          >
            {w.active ? 'Pause' : 'Resume'}
          </button>
          <button type="button" className="secondary" aria-expanded={log} onClick={() => setLog(!log)}>
            {log ? 'Hide deliveries' : 'Deliveries'}
          </button>
          <button type="button" className="secondary danger" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      ) : (
        <form className="row-form" onSubmit={saveUrl} aria-label={`New URL for ${w.url}`}>
          <TextField
            label="URL"
            name="url"
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={update.error}
          />
          <div className="field actions">
            <button type="submit" disabled={update.isPending}>
              Save URL
            </button>
            <button type="button" className="secondary" onClick={() => setUrl(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {confirming && (
        <div className="notice" role="alertdialog" aria-label="Delete this webhook?">
          <p>Delete this subscription and its delivery log? The receiver gets nothing more.</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Delete webhook
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <ProblemMessage error={update.error ?? remove.error} />
      {log && <DeliveryLog portfolioId={w.portfolioId} webhookId={w.id} url={w.url} />}
    </li>
  );
}
