import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useMyReviewActions } from './queries';

type MyAction = NonNullable<ReturnType<typeof useMyReviewActions>['data']>[number];

/** The caller's management review actions (any role): the inbox item leads here; the owner marks one done. */
export function MyReviewActionsPage() {
  const actions = useMyReviewActions();
  return (
    <section>
      <h1>My review actions</h1>
      <p>Actions management reviews gave you. Mark one done with a note on what was done.</p>
      <ProblemMessage error={actions.error} />
      {actions.data?.length === 0 && <p>No review action is yours.</p>}
      <ul className="plain">
        {actions.data?.map((a) => (
          <li key={a.id} id={a.id} className="panel">
            <p>
              <strong>{a.text}</strong>
            </p>
            <p>
              From {a.reviewNumber} ({a.reviewMeetingOn}) · due {a.dueAt.slice(0, 10)}
              {a.overdue && <span className="tag"> overdue</span>}
            </p>
            {a.doneAt !== null ? (
              <p>
                Done {a.doneAt.slice(0, 10)}: {a.doneNote}
              </p>
            ) : (
              <DoneForm action={a} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DoneForm({ action }: { action: MyAction }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const done = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/management-review-actions/{id}/done', { params: { path: { id: action.id } }, body: { note } }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['management-review-actions'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    done.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={`Mark done: ${action.text.slice(0, 60)}`}>
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
