import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { RequireRole } from '../../../ui/RequireRole';
import { PortfolioForm, type PortfolioFields } from './PortfolioForm';
import { PORTFOLIO_MANAGERS, portfolioKey, PORTFOLIOS_KEY, usePortfolio } from './queries';

export function PortfolioEditPage() {
  return (
    <RequireRole roles={PORTFOLIO_MANAGERS}>
      <PortfolioEdit />
    </RequireRole>
  );
}

/** Changes a portfolio with the version it was read at: a change made meanwhile is a conflict with a reload. */
function PortfolioEdit() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const portfolio = usePortfolio(id);
  const [saved, setSaved] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const update = useMutation({
    mutationFn: (fields: PortfolioFields) =>
      unwrap(
        api.PATCH('/api/portfolios/{id}', {
          params: { path: { id } },
          body: { version: portfolio.data?.version ?? 0, ...fields },
        }),
      ),
    onSuccess: async (after) => {
      client.setQueryData(portfolioKey(id), after);
      await client.invalidateQueries({ queryKey: PORTFOLIOS_KEY });
      setSaved(true);
    },
    onMutate: () => setSaved(false),
  });
  const reload = async () => {
    await client.invalidateQueries({ queryKey: portfolioKey(id) });
    update.reset();
    setFormKey(formKey + 1);
  };
  if (portfolio.isPending) return <p aria-busy="true">Loading…</p>;
  if (portfolio.isError) return <ProblemMessage error={portfolio.error} />;
  const p = portfolio.data;
  return (
    <section>
      <p>
        <Link to="/portfolios">All portfolios</Link> ·{' '}
        <Link to={`/portfolios/${p.id}/webhooks`}>Webhooks of this portfolio</Link>
      </p>
      <h1>Portfolio: {p.name}</h1>
      <p className="hint">
        Version {p.version}, last changed {new Date(p.updatedAt).toLocaleString()}.
      </p>
      <PortfolioForm
        key={`${formKey}-${p.version}`}
        initial={p}
        label="Edit portfolio"
        submitLabel="Save changes"
        pending={update.isPending}
        error={update.error}
        onSubmit={(f) => update.mutate(f)}
        onReload={() => void reload()}
      />
      {saved && (
        <p role="status" className="notice">
          Saved.
        </p>
      )}
    </section>
  );
}
