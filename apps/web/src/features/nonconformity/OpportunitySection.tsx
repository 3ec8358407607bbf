import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { PersonPicker } from '../../ui/PersonPicker';
import type { Person } from '../../ui/people';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { usePortfolios } from '../portfolio/queries';
import type { Nonconformity } from './queries';
import { useNcMutation } from './useNcMutation';

/** Operations feed innovation (ISO 56001 8.3.2): the NC raises one initiative in explore, linked both ways. */
export function OpportunitySection({
  nc,
  editable,
  canLead,
}: {
  nc: Nonconformity;
  editable: boolean;
  canLead: boolean;
}) {
  const raisable = editable && nc.opportunityInitiativeId === null && nc.status !== 'closed';
  if (nc.opportunityInitiativeId === null && !raisable) return null;
  return (
    <section className="panel" aria-labelledby="nc-opportunity">
      <h2 id="nc-opportunity">Opportunity</h2>
      {nc.opportunityInitiativeId === null ? (
        <p>No opportunity raised.</p>
      ) : (
        <p>
          This nonconformity raised <Link to={`/initiatives/${nc.opportunityInitiativeId}`}>an initiative</Link>.
        </p>
      )}
      {raisable && <OpenOnDemand nc={nc} canLead={canLead} />}
    </section>
  );
}

/** The form (and its portfolio and people look-ups) is mounted only once someone opens it. */
function OpenOnDemand({ nc, canLead }: { nc: Nonconformity; canLead: boolean }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Raise an opportunity
      </button>
    );
  return <RaiseOpportunity nc={nc} canLead={canLead} />;
}

function RaiseOpportunity({ nc, canLead }: { nc: Nonconformity; canLead: boolean }) {
  const portfolios = usePortfolios();
  const [form, setForm] = useState({ portfolioId: '', title: '', problem: '' });
  const [owner, setOwner] = useState<Person | null>(null);
  const portfolioId = form.portfolioId || portfolios.data?.[0]?.id || '';
  const raise = useNcMutation(nc.id, () =>
    unwrap(
      api.POST('/api/nonconformities/{id}/opportunity', {
        params: { path: { id: nc.id } },
        body: { ...form, portfolioId, ...(owner === null ? {} : { ownerId: owner.id }) },
      }),
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate(undefined);
  };
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  return (
    <div className="new-item">
      <form onSubmit={submit} aria-label="Raise an opportunity">
        <SelectField
          label="Portfolio"
          name="portfolioId"
          value={portfolioId}
          onChange={set('portfolioId')}
          options={(portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          error={raise.error}
        />
        <TextField label="Title" name="title" required value={form.title} onChange={set('title')} error={raise.error} />
        <TextArea
          label="Problem"
          name="problem"
          required
          rows={4}
          value={form.problem}
          onChange={set('problem')}
          error={raise.error}
        />
        <PersonPicker
          label="Owner"
          name="ownerId"
          role="innovation_lead"
          value={owner}
          onChange={setOwner}
          error={raise.error}
          hint={canLead ? 'An innovation lead; you when left empty.' : 'An innovation lead, who takes it into explore.'}
        />
        <ProblemMessage error={raise.error} />
        <button type="submit" disabled={raise.isPending}>
          Raise the opportunity
        </button>
      </form>
    </div>
  );
}
