import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { TextField } from '../../ui/Field';
import { PeoplePicker } from '../../ui/PeoplePicker';
import type { Person } from '../../ui/people';
import { ProblemMessage } from '../../ui/ProblemMessage';

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Sends a draft revision to review: the quality heads who approve it, and by when. */
export function RouteForApproval({ revisionId, onRouted }: { revisionId: string; onRouted: () => Promise<unknown> }) {
  const me = useMe();
  const [approvers, setApprovers] = useState<Person[]>(
    hasRole(me, ['quality_head']) ? [{ id: me.userId, displayName: me.displayName }] : [],
  );
  const [due, setDue] = useState(inDays(7));
  const route = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/revisions/{id}/review', {
          params: { path: { id: revisionId } },
          body: { approverIds: approvers.map((p) => p.id), dueAt: new Date(`${due}T00:00:00`).toISOString() },
        }),
      ),
    onSuccess: onRouted,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    route.mutate();
  };
  return (
    <form className="new-item" onSubmit={submit} aria-label="Route for approval">
      <PeoplePicker
        label="Approvers"
        name="approverIds"
        role="quality_head"
        value={approvers}
        onChange={setApprovers}
        error={route.error}
        hint="Quality heads only."
      />
      <TextField
        label="Approve by"
        name="dueAt"
        type="date"
        required
        value={due}
        onChange={(e) => setDue(e.target.value)}
        error={route.error}
      />
      <ProblemMessage error={route.error} />
      <button type="submit" disabled={route.isPending || approvers.length === 0}>
        Route for approval
      </button>
    </form>
  );
}
