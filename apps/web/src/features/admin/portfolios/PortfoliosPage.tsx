import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { RequireRole } from '../../../ui/RequireRole';
import { usePortfolios } from '../../portfolio/queries';
import { DEFAULT_FIELDS, PortfolioForm, type PortfolioFields } from './PortfolioForm';
import { PORTFOLIO_MANAGERS, PORTFOLIOS_KEY } from './queries';
import { AMBITION_BUCKETS, formatShares, HORIZON_BUCKETS } from './shares';

export function PortfoliosPage() {
  return (
    <RequireRole roles={PORTFOLIO_MANAGERS}>
      <Portfolios />
    </RequireRole>
  );
}

/** Every portfolio with its balance targets; leadership and admins create and change them here. */
function Portfolios() {
  const portfolios = usePortfolios();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: (fields: PortfolioFields) => unwrap(api.POST('/api/portfolios', { body: fields })),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: PORTFOLIOS_KEY });
      setFormKey(formKey + 1);
      void navigate(`/portfolios/${created.id}`);
    },
  });
  return (
    <section>
      <h1>Portfolios</h1>
      <ProblemMessage error={portfolios.error} />
      <table className="data">
        <caption className="sr-only">Portfolios and their balance targets</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Core / adjacent / transformational (%)</th>
            <th scope="col">H1 / H2 / H3 (%)</th>
            <th scope="col">Webhooks</th>
          </tr>
        </thead>
        <tbody>
          {portfolios.data?.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/portfolios/${p.id}`}>{p.name}</Link>
                {p.description !== '' && <p className="hint">{p.description}</p>}
              </td>
              <td>{formatShares(p.ambitionTargets, AMBITION_BUCKETS)}</td>
              <td>{formatShares(p.horizonTargets, HORIZON_BUCKETS)}</td>
              <td>
                <Link to={`/portfolios/${p.id}/webhooks`} aria-label={`Webhooks of ${p.name}`}>
                  Webhooks
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {portfolios.data?.length === 0 && <p>No portfolio yet.</p>}
      <h2>New portfolio</h2>
      <PortfolioForm
        key={formKey}
        initial={DEFAULT_FIELDS}
        label="New portfolio"
        submitLabel="Create portfolio"
        pending={create.isPending}
        error={create.error}
        onSubmit={(f) => create.mutate(f)}
      />
    </section>
  );
}
