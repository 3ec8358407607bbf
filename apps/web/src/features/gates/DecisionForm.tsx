import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { DECISION_LABELS } from '../../app/labels';
import { SelectField, TextArea, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { initiativeKey } from '../initiative/queries';
import { reviewKey } from './queries';

type Decision = components['schemas']['DecisionDto']['decision'];

/** The chair's decision: Kill needs a reason, Conditional Go its conditions with due dates, Hold a date to hold until. */
export function DecisionForm({
  reviewId,
  initiativeId,
  proposal,
}: {
  reviewId: string;
  initiativeId: string;
  proposal: Decision | undefined;
}) {
  const client = useQueryClient();
  const [decision, setDecision] = useState<Decision>(proposal ?? 'go');
  const [reason, setReason] = useState('');
  const [holdUntil, setHoldUntil] = useState('');
  const [conditions, setConditions] = useState([{ text: '', dueAt: '' }]);
  const decide = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/reviews/{id}/decision', {
          params: { path: { id: reviewId } },
          body: {
            decision,
            ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
            ...(decision === 'hold' && holdUntil !== ''
              ? { holdUntil: new Date(`${holdUntil}T00:00:00`).toISOString() }
              : {}),
            ...(decision === 'conditional_go'
              ? {
                  conditions: conditions
                    .filter((c) => c.text.trim() !== '')
                    .map((c) => ({
                      text: c.text.trim(),
                      ...(c.dueAt === '' ? {} : { dueAt: new Date(`${c.dueAt}T00:00:00`).toISOString() }),
                    })),
                }
              : {}),
          },
        }),
      ),
    onSuccess: async (decided) => {
      // The answer is the decided review: shown as it is, so a read of the review still in flight from before the
      // decision cannot put the form back on screen.
      await client.cancelQueries({ queryKey: reviewKey(reviewId), exact: true });
      client.setQueryData(reviewKey(reviewId), decided);
      await client.invalidateQueries({ queryKey: initiativeKey(initiativeId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="decide">
      <h2 id="decide">Your decision as chair</h2>
      <SelectField
        label="Decision"
        name="decision"
        value={decision}
        onChange={(e) => setDecision(e.target.value as Decision)}
        options={Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }))}
        error={decide.error}
      />
      <TextArea
        label={decision === 'kill' ? 'Reason (required for a Kill)' : 'Reason'}
        name="reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={decide.error}
        required={decision === 'kill'}
      />
      {decision === 'hold' && (
        <TextField
          label="Hold until"
          name="holdUntil"
          type="date"
          required
          value={holdUntil}
          onChange={(e) => setHoldUntil(e.target.value)}
          error={decide.error}
        />
      )}
      {decision === 'conditional_go' && (
        <fieldset>
          <legend>Conditions to meet before the next gate</legend>
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
              <TextField
                label={`Due date of condition ${i + 1}`}
                name={`conditions[${i}].dueAt`}
                type="date"
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
            onClick={() => setConditions((current) => [...current, { text: '', dueAt: '' }])}
          >
            Add a condition
          </button>
        </fieldset>
      )}
      <ProblemMessage error={decide.error} />
      <button type="submit" disabled={decide.isPending}>
        Record decision
      </button>
    </form>
  );
}
