import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { TextField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { RequireRole } from '../../../ui/RequireRole';
import { PORTFOLIO_MANAGERS, usePortfolio } from '../portfolios/queries';
import { useWebhooks, webhooksKey } from './queries';
import { WebhookRow } from './WebhookRow';

export function WebhooksPage() {
  return (
    <RequireRole roles={PORTFOLIO_MANAGERS}>
      <Webhooks />
    </RequireRole>
  );
}

/** Where the portfolio's stage changes are sent; leadership and admins only, as subscriptions show where data goes. */
function Webhooks() {
  const { id = '' } = useParams();
  const portfolio = usePortfolio(id);
  const webhooks = useWebhooks(id);
  return (
    <section>
      <p>
        <Link to="/portfolios">All portfolios</Link>
        {portfolio.data !== undefined && (
          <>
            {' '}
            · <Link to={`/portfolios/${id}`}>{portfolio.data.name}</Link>
          </>
        )}
      </p>
      <h1>Webhooks{portfolio.data !== undefined && `: ${portfolio.data.name}`}</h1>
      <p>
        Event sent: <strong>portfolio.stage-changed</strong>, each time an initiative of this portfolio changes stage or
        status (a gate decision, a hold running out, a handover accepted or rejected). Each POST is signed in{' '}
        <code>x-ambidex-signature</code> with the subscription’s secret; a receiver that does not answer 2xx within 10 s
        is retried, 8 tries in all.
      </p>
      <ProblemMessage error={portfolio.error ?? webhooks.error} />
      {webhooks.data?.length === 0 && <p>No subscription yet.</p>}
      <ul className="plain">
        {webhooks.data?.map((w) => (
          <WebhookRow key={w.id} webhook={w} />
        ))}
      </ul>
      <NewWebhook portfolioId={id} />
    </section>
  );
}

function NewWebhook({ portfolioId }: { portfolioId: string }) {
  const client = useQueryClient();
  const [url, setUrl] = useState('');
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/portfolios/{portfolioId}/webhooks', { params: { path: { portfolioId } }, body: { url } })),
    onSuccess: async () => {
      setUrl('');
      await client.invalidateQueries({ queryKey: webhooksKey(portfolioId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-webhook">
      <h2 id="new-webhook">New webhook</h2>
      <TextField
        label="Receiver URL"
        name="url"
        type="url"
        required
        placeholder="https://tools.example.com/hooks/ambidex"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={create.error}
        hint="http or https; receives the stage changes of this portfolio."
      />
      <ProblemMessage error={create.error} />
      <button type="submit" disabled={create.isPending}>
        Subscribe
      </button>
      {create.data !== undefined && (
        <div className="notice" role="status">
          <p>
            <strong>Subscribed {create.data.url}.</strong> Its signing secret, shown this once (store it with the
            receiver now):
          </p>
          <p>
            <code aria-label="Signing secret">{create.data.secret}</code>
          </p>
          <button type="button" className="secondary" onClick={() => create.reset()}>
            I have stored it
          </button>
        </div>
      )}
    </form>
  );
}
