import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { decisionLabel } from '../../app/labels';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { initiativeKey, useReviews, type Initiative } from './queries';
import { ReadinessList } from './ReadinessList';

const STATUS_LABELS: Record<string, string> = {
  requested: 'Requested: checking readiness…',
  not_ready: 'Not ready',
  scoring: 'Gatekeepers scoring',
  awaiting_decision: 'Awaiting the chair',
  decided: 'Decided',
  cancelled: 'Cancelled',
};

/** The initiative's gate reviews; its owner asks for the next one and watches it become ready. */
export function ReviewsPanel({ initiative }: { initiative: Initiative }) {
  const me = useMe();
  const client = useQueryClient();
  const reviews = useReviews(initiative.id);
  const mayRequest = (initiative.ownerId === me.userId || hasRole(me, ['admin'])) && initiative.status === 'active';
  const request = useMutation({
    mutationFn: () => unwrap(api.POST('/api/initiatives/{id}/reviews', { params: { path: { id: initiative.id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: initiativeKey(initiative.id) }),
  });
  return (
    <section className="panel" aria-labelledby="reviews">
      <h2 id="reviews">Gate reviews</h2>
      <ProblemMessage error={reviews.error ?? request.error} />
      {reviews.data?.length === 0 && <p>No review yet.</p>}
      <ul className="plain">
        {reviews.data?.map((r) => (
          <li key={r.id}>
            <Link to={`/reviews/${r.id}`}>
              {r.gate} review of {new Date(r.requestedAt).toLocaleDateString()}
            </Link>{' '}
            <span className="tag">{STATUS_LABELS[r.status] ?? r.status}</span>
            {r.decision !== null && <span className="tag">{decisionLabel(r.decision)}</span>}
            {r.status === 'not_ready' && <ReadinessList readiness={r.readiness} />}
          </li>
        ))}
      </ul>
      {mayRequest && (
        <button type="button" onClick={() => request.mutate()} disabled={request.isPending}>
          Request the next gate review
        </button>
      )}
    </section>
  );
}
