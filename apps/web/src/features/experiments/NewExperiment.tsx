import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { logKey, useAssumptions } from './queries';

type Input = components['schemas']['ExperimentInputDto'];
const COMPARISONS: Input['comparison'][] = ['>=', '>', '<=', '<'];

/** A test card: which assumptions it tests, and the success threshold fixed before it starts. */
export function NewExperiment({ initiativeId }: { initiativeId: string }) {
  const client = useQueryClient();
  const assumptions = useAssumptions(initiativeId);
  const [form, setForm] = useState({
    assumptionId: '',
    hypothesis: '',
    method: '',
    metric: '',
    comparison: '>=' as Input['comparison'],
    threshold: '',
    minimumSample: '',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const [open, setOpen] = useState(false);
  const assumptionId = form.assumptionId || assumptions.data?.[0]?.id || '';
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/initiatives/{id}/experiments', {
          params: { path: { id: initiativeId } },
          body: {
            assumptionIds: assumptionId === '' ? [] : [assumptionId],
            hypothesis: form.hypothesis,
            method: form.method,
            metric: form.metric,
            comparison: form.comparison,
            threshold: Number(form.threshold),
            minimumSample: Number(form.minimumSample),
          },
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      setForm({ ...form, hypothesis: '', method: '', metric: '', threshold: '', minimumSample: '' });
      void client.invalidateQueries({ queryKey: logKey(initiativeId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <details className="new-item" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>New experiment</summary>
      <form onSubmit={submit} aria-label="New experiment">
        <SelectField
          label="Assumption tested"
          name="assumptionIds"
          value={assumptionId}
          onChange={set('assumptionId')}
          options={(assumptions.data ?? []).map((a) => ({ value: a.id, label: a.statement }))}
          error={create.error}
        />
        <TextField
          label="Hypothesis"
          name="hypothesis"
          required
          value={form.hypothesis}
          onChange={set('hypothesis')}
          error={create.error}
        />
        <TextField
          label="Method"
          name="method"
          required
          value={form.method}
          onChange={set('method')}
          error={create.error}
        />
        <TextField
          label="Metric"
          name="metric"
          required
          value={form.metric}
          onChange={set('metric')}
          error={create.error}
        />
        <div className="row-form">
          <SelectField
            label="Comparison"
            name="comparison"
            value={form.comparison}
            onChange={set('comparison')}
            options={COMPARISONS.map((c) => ({ value: c, label: c }))}
            error={create.error}
          />
          <TextField
            label="Threshold"
            name="threshold"
            type="number"
            step="any"
            required
            value={form.threshold}
            onChange={set('threshold')}
            error={create.error}
          />
          <TextField
            label="Minimum sample"
            name="minimumSample"
            type="number"
            min={1}
            step={1}
            required
            value={form.minimumSample}
            onChange={set('minimumSample')}
            error={create.error}
          />
        </div>
        <ProblemMessage error={create.error} />
        <button type="submit" disabled={create.isPending}>
          Add experiment
        </button>
      </form>
    </details>
  );
}
