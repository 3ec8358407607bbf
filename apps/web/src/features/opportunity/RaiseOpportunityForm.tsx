import type { UseMutationResult } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { components } from '../../api/schema';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { PersonPicker } from '../../ui/PersonPicker';
import type { Person } from '../../ui/people';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { usePortfolios } from '../portfolio/queries';

export type OpportunityFields = components['schemas']['NcOpportunityDto'];
export type RaiseOpportunity = UseMutationResult<unknown, Error, OpportunityFields>;

/**
 * The opportunity's few fields (ISO 56001 8.3.2), shared by every record operations raise one from. The form, with
 * its portfolio and people look-ups, is mounted only once someone opens it.
 */
export function RaiseOpportunityOnDemand({ raise, canLead }: { raise: RaiseOpportunity; canLead: boolean }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Raise an opportunity
      </button>
    );
  return <RaiseOpportunityForm raise={raise} canLead={canLead} />;
}

function RaiseOpportunityForm({ raise, canLead }: { raise: RaiseOpportunity; canLead: boolean }) {
  const portfolios = usePortfolios();
  const [form, setForm] = useState({ portfolioId: '', title: '', problem: '' });
  const [owner, setOwner] = useState<Person | null>(null);
  const portfolioId = form.portfolioId || portfolios.data?.[0]?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate({ ...form, portfolioId, ...(owner === null ? {} : { ownerId: owner.id }) });
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
