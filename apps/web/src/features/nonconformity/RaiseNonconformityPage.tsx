import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { linesOf, NC_SEVERITY_LABELS, NC_SOURCE_LABELS, NC_SUBJECT_LABELS, optionsOf } from './nonconformity-labels';
import type { components } from '../../api/schema';

type RaiseBody = components['schemas']['RaiseNonconformityDto'];

/**
 * Anyone signed in raises a nonconformity: stand-alone or about a record (a link from that record's page fills
 * `?subjectType=…&subjectId=…`).
 */
export function RaiseNonconformityPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form, setForm] = useState({
    subjectType: params.get('subjectType') ?? '',
    subjectId: params.get('subjectId') ?? '',
    source: 'internal_audit',
    severity: 'minor',
    probability: '3',
    description: '',
    evidenceLinks: '',
  });
  const raise = useMutation({
    mutationFn: () => {
      const body: RaiseBody = {
        source: form.source as RaiseBody['source'],
        severity: form.severity as RaiseBody['severity'],
        probability: Number(form.probability),
        description: form.description,
        evidenceLinks: linesOf(form.evidenceLinks),
        ...(form.subjectType === ''
          ? {}
          : {
              subject: {
                type: form.subjectType as NonNullable<RaiseBody['subject']>['type'],
                id: form.subjectId.trim(),
              },
            }),
      };
      return unwrap(api.POST('/api/nonconformities', { body }));
    },
    onSuccess: async (nc) => {
      await client.invalidateQueries({ queryKey: ['nonconformities'] });
      await navigate(`/nonconformities/${nc.id}`);
    },
  });
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate();
  };
  return (
    <section>
      <h1>Raise a nonconformity</h1>
      <form onSubmit={submit} aria-label="Raise a nonconformity">
        <TextArea
          label="What is wrong"
          name="description"
          rows={5}
          required
          minLength={3}
          value={form.description}
          onChange={set('description')}
          error={raise.error}
        />
        <SelectField
          label="Source"
          name="source"
          value={form.source}
          options={optionsOf(NC_SOURCE_LABELS)}
          onChange={set('source')}
          error={raise.error}
        />
        <SelectField
          label="Severity"
          name="severity"
          value={form.severity}
          options={optionsOf(NC_SEVERITY_LABELS)}
          onChange={set('severity')}
          error={raise.error}
        />
        <SelectField
          label="Probability of recurrence"
          name="probability"
          value={form.probability}
          options={['1', '2', '3', '4', '5'].map((v) => ({
            value: v,
            label: v === '1' ? '1 (rare)' : v === '5' ? '5 (almost certain)' : v,
          }))}
          onChange={set('probability')}
          error={raise.error}
        />
        <SelectField
          label="About"
          name="subject.type"
          value={form.subjectType}
          options={[{ value: '', label: 'Nothing in particular (stand-alone)' }, ...optionsOf(NC_SUBJECT_LABELS)]}
          onChange={set('subjectType')}
          error={raise.error}
        />
        {form.subjectType !== '' && (
          <TextField
            label="Record id"
            name="subject.id"
            required
            value={form.subjectId}
            onChange={set('subjectId')}
            error={raise.error}
            hint="The id of the record (from its address)"
          />
        )}
        <TextArea
          label="Evidence links"
          name="evidenceLinks"
          rows={3}
          value={form.evidenceLinks}
          onChange={set('evidenceLinks')}
          error={raise.error}
          hint="One https:// link a line"
        />
        <ProblemMessage error={raise.error} />
        <button type="submit" disabled={raise.isPending}>
          Raise the nonconformity
        </button>
      </form>
    </section>
  );
}
