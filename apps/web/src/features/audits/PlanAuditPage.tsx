import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { AUDIT_SUBJECT_LABELS, optionsOf } from './audit-labels';
import { useAuditors, useClauses } from './queries';

type PlanBody = components['schemas']['PlanAuditDto'];

/** A quality head plans an audit: date, scope, clauses and an auditor who does not own what is audited. */
export function PlanAuditPage() {
  return (
    <RequireRole roles={['quality_head']}>
      <PlanAuditForm />
    </RequireRole>
  );
}

function PlanAuditForm() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const clauses = useClauses();
  const auditors = useAuditors();
  const [form, setForm] = useState({ plannedFor: '', scope: '', subjectType: '', subjectId: '', auditorId: '' });
  const [chosen, setChosen] = useState<string[]>([]);
  const plan = useMutation({
    mutationFn: () => {
      const body: PlanBody = {
        plannedFor: form.plannedFor,
        scope: form.scope,
        clauses: chosen as PlanBody['clauses'],
        auditorId: form.auditorId,
        ...(form.subjectType === ''
          ? {}
          : {
              subject: {
                type: form.subjectType as NonNullable<PlanBody['subject']>['type'],
                id: form.subjectId.trim(),
              },
            }),
      };
      return unwrap(api.POST('/api/audits', { body }));
    },
    onSuccess: async (audit) => {
      await client.invalidateQueries({ queryKey: ['audits'] });
      await navigate(`/audits/${audit.id}`);
    },
  });
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [name]: e.target.value });
  const toggle = (id: string, on: boolean) => setChosen(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    plan.mutate();
  };
  return (
    <section>
      <h1>Plan an audit</h1>
      <form onSubmit={submit} aria-label="Plan an audit">
        <TextField
          label="Planned for"
          name="plannedFor"
          type="date"
          required
          value={form.plannedFor}
          onChange={set('plannedFor')}
          error={plan.error}
        />
        <TextArea
          label="Scope"
          name="scope"
          rows={3}
          required
          minLength={3}
          value={form.scope}
          onChange={set('scope')}
          error={plan.error}
        />
        <SelectField
          label="Record audited"
          name="subject.type"
          value={form.subjectType}
          options={[{ value: '', label: 'None (the scope says it)' }, ...optionsOf(AUDIT_SUBJECT_LABELS)]}
          onChange={set('subjectType')}
          error={plan.error}
        />
        {form.subjectType !== '' && (
          <TextField
            label="Record id"
            name="subject.id"
            required
            value={form.subjectId}
            onChange={set('subjectId')}
            error={plan.error}
            hint="The id of the record (from its address); its owner cannot be the auditor"
          />
        )}
        <fieldset>
          <legend>Clauses in scope</legend>
          {clauses.data?.map((c) => (
            <label key={c.id} className="check">
              <input
                type="checkbox"
                name="clauses"
                value={c.id}
                checked={chosen.includes(c.id)}
                onChange={(e) => toggle(c.id, e.target.checked)}
              />{' '}
              {c.title}
            </label>
          ))}
        </fieldset>
        <SelectField
          label="Auditor"
          name="auditorId"
          required
          value={form.auditorId}
          options={[
            { value: '', label: 'Choose an auditor' },
            ...(auditors.data ?? []).map((p) => ({ value: p.id, label: p.displayName })),
          ]}
          onChange={set('auditorId')}
          error={plan.error}
        />
        <ProblemMessage error={plan.error ?? clauses.error ?? auditors.error} />
        <button type="submit" disabled={plan.isPending || chosen.length === 0}>
          Plan the audit
        </button>
      </form>
    </section>
  );
}
