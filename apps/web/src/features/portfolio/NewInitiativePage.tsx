import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { hasRole, useMe } from '../../app/session';
import type { Person } from '../../ui/people';
import { PersonPicker } from '../../ui/PersonPicker';
import { DuplicateHints } from './DuplicateHints';
import { AMBITION_LABELS, HORIZON_LABELS } from './labels';
import { usePortfolios } from './queries';

type Create = components['schemas']['CreateInitiativeDto'];

const TYPE_LABELS: Record<Create['innovationType'], string> = {
  product: 'Product',
  service: 'Service',
  process: 'Process',
  business_model: 'Business model',
};
const list = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export function NewInitiativePage() {
  return (
    <RequireRole roles={['innovation_lead', 'admin']}>
      <NewInitiativeForm />
    </RequireRole>
  );
}

/** Capture an idea: it starts in Explore, owned by its author; similar ideas show while it is typed. */
function NewInitiativeForm() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const portfolios = usePortfolios();
  const me = useMe();
  const [owner, setOwner] = useState<Person | null>(null);
  const [form, setForm] = useState({
    portfolioId: '',
    title: '',
    problem: '',
    valueHypothesis: '',
    horizon: 'H1',
    ambition: 'core',
    innovationType: 'product',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const portfolioId = form.portfolioId || portfolios.data?.[0]?.id || '';
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/initiatives', {
          body: { ...form, portfolioId, ...(owner === null ? {} : { ownerId: owner.id }) } as Create,
        }),
      ),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: ['initiatives'] });
      void navigate(`/initiatives/${created.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>New initiative</h1>
      <div className="two-columns">
        <form className="panel" onSubmit={submit} aria-label="New initiative">
          <SelectField
            label="Portfolio"
            name="portfolioId"
            value={portfolioId}
            onChange={set('portfolioId')}
            options={(portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            error={create.error}
          />
          <TextField
            label="Title"
            name="title"
            required
            value={form.title}
            onChange={set('title')}
            error={create.error}
          />
          <TextArea
            label="Problem"
            name="problem"
            required
            rows={3}
            value={form.problem}
            onChange={set('problem')}
            error={create.error}
            hint="Who has it, and what it costs them"
          />
          <TextArea
            label="Value hypothesis"
            name="valueHypothesis"
            required
            rows={3}
            value={form.valueHypothesis}
            onChange={set('valueHypothesis')}
            error={create.error}
          />
          <SelectField
            label="Horizon"
            name="horizon"
            value={form.horizon}
            onChange={set('horizon')}
            options={list(HORIZON_LABELS)}
            error={create.error}
          />
          <SelectField
            label="Ambition"
            name="ambition"
            value={form.ambition}
            onChange={set('ambition')}
            options={list(AMBITION_LABELS)}
            error={create.error}
          />
          <SelectField
            label="Type"
            name="innovationType"
            value={form.innovationType}
            onChange={set('innovationType')}
            options={list(TYPE_LABELS)}
            error={create.error}
          />
          {hasRole(me, ['admin']) && (
            <PersonPicker
              label="Owner"
              name="ownerId"
              role="innovation_lead"
              value={owner}
              onChange={setOwner}
              error={create.error}
              hint="An innovation lead; you when left empty."
            />
          )}
          <ProblemMessage error={create.error} />
          <button type="submit" disabled={create.isPending}>
            Create in Explore
          </button>
        </form>
        <DuplicateHints title={form.title} problem={form.problem} />
      </div>
    </section>
  );
}
