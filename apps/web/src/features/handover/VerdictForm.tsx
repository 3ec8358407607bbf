import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { PeoplePicker } from '../../ui/PeoplePicker';
import type { Person } from '../../ui/people';
import { PersonPicker } from '../../ui/PersonPicker';
import { SignatureDialog } from '../../ui/SignatureDialog';
import type { Initiative } from '../initiative/queries';
import { packageKey, type Package } from './queries';

type Verdict = components['schemas']['HandoverDecisionDto']['verdict'];
const VERDICTS: Record<Verdict, { label: string; meaning: string }> = {
  accept: { label: 'Accept', meaning: 'accepted' },
  accept_with_conditions: { label: 'Accept with conditions', meaning: 'accepted' },
  reject: { label: 'Reject', meaning: 'rejected' },
};

/** The quality head's verdict, signed: accept, accept with conditions (tracked actions with owners and dates), or reject. */
export function VerdictForm({ pkg, initiative }: { pkg: Package; initiative: Initiative }) {
  const client = useQueryClient();
  // The initiative's view names no owner; the picker shows this until someone else is chosen.
  const owner: Person = { id: initiative.ownerId, displayName: 'The initiative’s owner' };
  const [verdict, setVerdict] = useState<Verdict>('accept');
  const [reason, setReason] = useState('');
  const [conditions, setConditions] = useState<{ text: string; owner: Person | null; dueAt: string }[]>([
    { text: '', owner, dueAt: '' },
  ]);
  const [approvers, setApprovers] = useState<Person[]>([]);
  const [signing, setSigning] = useState(false);
  const decide = useMutation({
    mutationFn: (password: string) =>
      unwrap(
        api.POST('/api/handover-packages/{id}/decision', {
          params: { path: { id: pkg.id } },
          body: {
            password,
            verdict,
            ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
            ...(verdict === 'accept_with_conditions'
              ? {
                  conditions: conditions
                    .filter((c) => c.text.trim() !== '')
                    .map((c) => ({
                      text: c.text.trim(),
                      ownerId: c.owner?.id ?? '',
                      dueAt: new Date(`${c.dueAt}T00:00:00`).toISOString(),
                    })),
                }
              : {}),
            ...(verdict !== 'reject' && approvers.length > 0 ? { approverIds: approvers.map((p) => p.id) } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setSigning(false);
      await client.invalidateQueries({ queryKey: packageKey(pkg.id) });
    },
  });
  return (
    <section className="panel" aria-labelledby="verdict">
      <h2 id="verdict">Your verdict</h2>
      <SelectField
        label="Verdict"
        name="verdict"
        value={verdict}
        onChange={(e) => setVerdict(e.target.value as Verdict)}
        options={Object.entries(VERDICTS).map(([value, v]) => ({ value, label: v.label }))}
      />
      <TextArea
        label={verdict === 'reject' ? 'Reason (required to reject)' : 'Reason'}
        name="reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={decide.error}
      />
      {verdict === 'accept_with_conditions' && (
        <fieldset>
          <legend>Conditions (each becomes a tracked action)</legend>
          {conditions.map((c, i) => (
            <div key={i} className="row-form">
              <TextField
                label={`Condition ${i + 1}`}
                name="conditions"
                value={c.text}
                onChange={(e) => {
                  const value = e.target.value;
                  setConditions((current) => current.map((x, j) => (j === i ? { ...x, text: value } : x)));
                }}
                error={decide.error}
              />
              <PersonPicker
                label={`Owner of condition ${i + 1}`}
                name={`conditions[${i}].ownerId`}
                required
                value={c.owner}
                onChange={(person) =>
                  setConditions((current) => current.map((x, j) => (j === i ? { ...x, owner: person } : x)))
                }
                error={decide.error}
              />
              <TextField
                label={`Due date of condition ${i + 1}`}
                name={`conditions[${i}].dueAt`}
                type="date"
                required
                value={c.dueAt}
                onChange={(e) => {
                  const value = e.target.value;
                  setConditions((current) => current.map((x, j) => (j === i ? { ...x, dueAt: value } : x)));
                }}
                error={decide.error}
              />
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => setConditions((current) => [...current, { text: '', owner, dueAt: '' }])}
          >
            Add a condition
          </button>
        </fieldset>
      )}
      {verdict !== 'reject' && (
        <PeoplePicker
          label="Approvers of the controlled documents"
          name="approverIds"
          role="quality_head"
          value={approvers}
          onChange={setApprovers}
          error={decide.error}
          none="You approve them (no one else chosen)."
        />
      )}
      <button type="button" onClick={() => setSigning(true)}>
        Sign the verdict…
      </button>
      {signing && (
        <SignatureDialog
          meaning={VERDICTS[verdict].meaning}
          subject={`${VERDICTS[verdict].label}: handover package of “${initiative.title}”`}
          contentHash={pkg.contentHash}
          onSign={(password) => decide.mutate(password)}
          onClose={() => setSigning(false)}
          error={decide.error}
          pending={decide.isPending}
        />
      )}
    </section>
  );
}
