import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { TextField } from '../../ui/Field';
import { PersonPicker } from '../../ui/PersonPicker';
import type { Person } from '../../ui/people';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { nameOf, useImprovementMutation, type Improvement } from './queries';

/** The event's actions: added by whoever runs the process, each marked done (with a note) by its owner. */
export function ImprovementActionsSection({ event, runs }: { event: Improvement; runs: boolean }) {
  const me = useMe();
  const quality = me.roles.includes('quality_head');
  return (
    <section className="panel" aria-labelledby="improvement-actions">
      <h2 id="improvement-actions">Actions</h2>
      {event.actions.length === 0 && <p>None yet.</p>}
      <ul className="plain">
        {event.actions.map((a) => (
          <li key={a.id} className="card">
            <p>
              <strong>{a.text}</strong>{' '}
              <span className={a.doneAt === null ? 'tag' : 'tag state-done'}>
                {a.doneAt === null
                  ? new Date(a.dueAt).getTime() < Date.now()
                    ? 'overdue'
                    : 'open'
                  : `done ${new Date(a.doneAt).toLocaleDateString()}`}
              </span>
            </p>
            <p className="hint">
              Owner {nameOf(event, a.ownerId)}, due {new Date(a.dueAt).toLocaleDateString()}
              {a.doneNote === null ? '' : `. Note: ${a.doneNote}`}
            </p>
            {a.doneAt === null && event.status === 'open' && (quality || a.ownerId === me.userId) && (
              <MarkDone event={event} actionId={a.id} text={a.text} />
            )}
          </li>
        ))}
      </ul>
      {runs && event.status === 'open' && <AddAction event={event} />}
    </section>
  );
}

function MarkDone({ event, actionId, text }: { event: Improvement; actionId: string; text: string }) {
  const [note, setNote] = useState('');
  const done = useImprovementMutation(event.id, () =>
    unwrap(api.POST('/api/improvement-actions/{id}/done', { params: { path: { id: actionId } }, body: { note } })),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    done.mutate(undefined);
  };
  return (
    <form onSubmit={submit} aria-label={`Mark done: ${text}`}>
      <TextField
        label="What was done"
        name="note"
        required
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={done.error}
      />
      <ProblemMessage error={done.error} />
      <button type="submit" disabled={done.isPending}>
        Mark done
      </button>
    </form>
  );
}

function AddAction({ event }: { event: Improvement }) {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState<Person | null>(null);
  const [dueAt, setDueAt] = useState('');
  const add = useImprovementMutation(
    event.id,
    () =>
      unwrap(
        api.POST('/api/improvements/{id}/actions', {
          params: { path: { id: event.id } },
          body: {
            text,
            ownerId: owner?.id ?? '',
            dueAt: dueAt === '' ? '' : new Date(`${dueAt}T17:00:00`).toISOString(),
          },
        }),
      ),
    () => {
      setText('');
      setOwner(null);
      setDueAt('');
    },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(undefined);
  };
  return (
    <details className="new-item">
      <summary>Add an action</summary>
      <form onSubmit={submit} aria-label="Add an action">
        <TextField
          label="What is done"
          name="text"
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={add.error}
        />
        <PersonPicker label="Owner" name="ownerId" required value={owner} onChange={setOwner} error={add.error} />
        <TextField
          label="Due date"
          name="dueAt"
          type="date"
          required
          value={dueAt}
          onChange={(e) => setDueAt(e.target.value)}
          error={add.error}
        />
        <ProblemMessage error={add.error} />
        <button type="submit" disabled={add.isPending}>
          Add the action
        </button>
      </form>
    </details>
  );
}
