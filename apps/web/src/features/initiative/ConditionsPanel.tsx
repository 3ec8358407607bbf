import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { initiativeKey } from './queries';

/** Conditions of a Conditional Go, to be met before the next gate; marking one met takes a note of how. */
export function ConditionsPanel({ initiativeId }: { initiativeId: string }) {
  const key = [...initiativeKey(initiativeId), 'conditions'];
  const conditions = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/conditions', { params: { path: { id: initiativeId } } })),
  });
  if (conditions.data?.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="conditions">
      <h2 id="conditions">Conditions to meet</h2>
      <ProblemMessage error={conditions.error} />
      <ul className="plain">
        {conditions.data?.map((c) => (
          <li key={c.id}>
            <p>
              {c.text} {c.dueAt !== null && <span className="hint">due {new Date(c.dueAt).toLocaleDateString()}</span>}{' '}
              {c.metAt !== null ? (
                <span className="tag state-done">Met: {c.metNote}</span>
              ) : (
                <MeetCondition id={c.id} queryKey={key} text={c.text} />
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MeetCondition({ id, queryKey, text }: { id: string; queryKey: readonly unknown[]; text: string }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const meet = useMutation({
    mutationFn: () => unwrap(api.POST('/api/conditions/{id}/met', { params: { path: { id } }, body: { note } })),
    onSuccess: () => client.invalidateQueries({ queryKey }),
  });
  return (
    <span className="inline-form">
      <label>
        <span className="sr-only">How “{text}” was met</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="How it was met" />
      </label>
      <button type="button" onClick={() => meet.mutate()} disabled={meet.isPending || note.trim() === ''}>
        Mark met
      </button>
      <ProblemMessage error={meet.error} />
    </span>
  );
}
