import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { TextField } from '../../ui/Field';
import { PersonPicker } from '../../ui/PersonPicker';
import type { Person } from '../../ui/people';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { nameOf, type Nonconformity } from './queries';
import { useNcMutation } from './useNcMutation';

interface Draft {
  text: string;
  owner: Person | null;
  dueAt: string;
}

const EMPTY: Draft = { text: '', owner: null, dueAt: '' };

/** Corrective actions: planned by quality heads after the root cause, each marked done by its owner or a quality head. */
export function ActionsSection({ nc, quality }: { nc: Nonconformity; quality: boolean }) {
  const me = useMe();
  return (
    <section className="panel" aria-labelledby="nc-actions">
      <h2 id="nc-actions">Corrective actions</h2>
      {nc.actions.length === 0 && <p>None planned yet.</p>}
      <ul className="plain">
        {nc.actions.map((a) => (
          <li key={a.id} className="card">
            <p>
              <strong>{a.text}</strong>{' '}
              <span className="tag">
                {a.doneAt === null
                  ? new Date(a.dueAt).getTime() < Date.now()
                    ? 'overdue'
                    : 'open'
                  : `done ${new Date(a.doneAt).toLocaleDateString()}`}
              </span>
            </p>
            <p className="hint">
              Owner {nameOf(nc, a.ownerId)}, due {new Date(a.dueAt).toLocaleDateString()}
              {a.doneNote === null ? '' : `. Note: ${a.doneNote}`}
            </p>
            {a.doneAt === null && nc.status === 'actions' && (quality || a.ownerId === me.userId) && (
              <MarkDone nc={nc} actionId={a.id} text={a.text} />
            )}
          </li>
        ))}
      </ul>
      {nc.effectivenessAfterDays !== null && (
        <p className="hint">Effectiveness is checked {nc.effectivenessAfterDays} days after the last action closes.</p>
      )}
      {quality && (nc.status === 'open' || nc.status === 'actions') && nc.whys !== null && <PlanActions nc={nc} />}
      {quality && nc.status === 'open' && nc.whys === null && (
        <p className="hint">Record the root cause first: actions follow from it.</p>
      )}
    </section>
  );
}

function MarkDone({ nc, actionId, text }: { nc: Nonconformity; actionId: string; text: string }) {
  const [note, setNote] = useState('');
  const done = useNcMutation(nc.id, () =>
    unwrap(
      api.POST('/api/nonconformity-actions/{id}/done', {
        params: { path: { id: actionId } },
        body: note.trim() === '' ? {} : { note },
      }),
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    done.mutate(undefined);
  };
  return (
    <form onSubmit={submit} aria-label={`Mark done: ${text}`}>
      <TextField label="Note (optional)" name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      <ProblemMessage error={done.error} />
      <button type="submit" disabled={done.isPending}>
        Mark done
      </button>
    </form>
  );
}

function PlanActions({ nc }: { nc: Nonconformity }) {
  const [drafts, setDrafts] = useState<Draft[]>([EMPTY]);
  const [days, setDays] = useState(String(nc.effectivenessAfterDays ?? 30));
  const plan = useNcMutation(
    nc.id,
    () =>
      unwrap(
        api.POST('/api/nonconformities/{id}/actions', {
          params: { path: { id: nc.id } },
          body: {
            actions: drafts.map((d) => ({
              text: d.text,
              ownerId: d.owner?.id ?? '',
              dueAt: new Date(`${d.dueAt}T17:00:00`).toISOString(),
            })),
            effectivenessAfterDays: Number(days),
          },
        }),
      ),
    () => setDrafts([EMPTY]),
  );
  const edit = (i: number, change: Partial<Draft>) =>
    setDrafts((current) => current.map((d, j) => (j === i ? { ...d, ...change } : d)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    plan.mutate(undefined);
  };
  return (
    <details className="new-item">
      <summary>Plan corrective actions</summary>
      <form onSubmit={submit} aria-label="Plan corrective actions">
        {drafts.map((d, i) => (
          <fieldset key={i}>
            <legend>Action {i + 1}</legend>
            <TextField
              label={`What is done (action ${i + 1})`}
              name={`actions[${i}].text`}
              required
              value={d.text}
              onChange={(e) => edit(i, { text: e.target.value })}
              error={plan.error}
            />
            <PersonPicker
              label={`Owner of action ${i + 1}`}
              name={`actions[${i}].ownerId`}
              required
              value={d.owner}
              onChange={(owner) => edit(i, { owner })}
              error={plan.error}
            />
            <TextField
              label={`Due date of action ${i + 1}`}
              name={`actions[${i}].dueAt`}
              type="date"
              required
              value={d.dueAt}
              onChange={(e) => edit(i, { dueAt: e.target.value })}
              error={plan.error}
            />
          </fieldset>
        ))}
        <p>
          <button type="button" className="secondary" onClick={() => setDrafts((current) => [...current, EMPTY])}>
            Add another action
          </button>
        </p>
        <TextField
          label="Check effectiveness after (days)"
          name="effectivenessAfterDays"
          type="number"
          min={1}
          max={365}
          required
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={plan.error}
        />
        <ProblemMessage error={plan.error} />
        <button type="submit" disabled={plan.isPending}>
          Plan the actions
        </button>
      </form>
    </details>
  );
}
