import { useState, type FormEvent } from 'react';
import { TextArea, TextField } from '../../../ui/Field';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { AMBITION_LABELS, HORIZON_LABELS } from '../../portfolio/labels';
import { AMBITION_BUCKETS, draftOfShares, HORIZON_BUCKETS, sharesOfDraft } from './shares';
import { SharesFieldset } from './SharesFieldset';
import type { Portfolio } from './queries';

export interface PortfolioFields {
  name: string;
  description: string;
  ambitionTargets: Portfolio['ambitionTargets'];
  horizonTargets: Portfolio['horizonTargets'];
}

export const DEFAULT_FIELDS: PortfolioFields = {
  name: '',
  description: '',
  ambitionTargets: { core: 70, adjacent: 20, transformational: 10 },
  horizonTargets: { H1: 70, H2: 20, H3: 10 },
};

/** Name, description and the two balance targets; the same form creates and edits. */
export function PortfolioForm({
  initial,
  label,
  submitLabel,
  pending,
  error,
  onSubmit,
  onReload,
}: {
  initial: PortfolioFields;
  label: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: PortfolioFields) => void;
  onReload?: () => void;
}) {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [ambition, setAmbition] = useState(draftOfShares(initial.ambitionTargets));
  const [horizon, setHorizon] = useState(draftOfShares(initial.horizonTargets));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name, description, ambitionTargets: sharesOfDraft(ambition), horizonTargets: sharesOfDraft(horizon) });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={label}>
      <TextField
        label="Name"
        name="name"
        required
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={error}
      />
      <TextArea
        label="Description"
        name="description"
        rows={2}
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={error}
      />
      <SharesFieldset
        legend="Target balance by ambition"
        name="ambitionTargets"
        buckets={AMBITION_BUCKETS}
        labels={AMBITION_LABELS}
        value={ambition}
        onChange={setAmbition}
        error={error}
      />
      <SharesFieldset
        legend="Target balance by horizon"
        name="horizonTargets"
        buckets={HORIZON_BUCKETS}
        labels={HORIZON_LABELS}
        value={horizon}
        onChange={setHorizon}
        error={error}
      />
      <ProblemMessage error={error} onReload={onReload} />
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
