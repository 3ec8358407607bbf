import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';

const TRAINING_KEY = ['my-training'] as const;

/** My training: each effective revision I must read, and my acknowledgement that I read and understood it. */
export function TrainingPage() {
  const client = useQueryClient();
  const training = useQuery({ queryKey: TRAINING_KEY, queryFn: () => unwrap(api.GET('/api/me/training')) });
  const acknowledge = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/training/{id}/acknowledge', { params: { path: { id } } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: TRAINING_KEY });
      await client.invalidateQueries({ queryKey: ['inbox'] });
    },
  });
  return (
    <section>
      <h1>My training</h1>
      <ProblemMessage error={training.error ?? acknowledge.error} />
      {training.data?.length === 0 && <p>Nothing to read.</p>}
      <ul className="plain">
        {training.data?.map((t) => (
          <li key={t.id} className="card" aria-label={`${t.documentNumber} ${t.title}`}>
            <p>
              <strong>
                {t.documentNumber} revision {t.revision}
              </strong>{' '}
              {t.title} <span className="hint">assigned {new Date(t.assignedAt).toLocaleDateString()}</span>
            </p>
            <Link to={`/revisions/${t.revisionId}`}>Read the effective revision</Link>{' '}
            {t.acknowledgedAt === null ? (
              <button type="button" onClick={() => acknowledge.mutate(t.id)} disabled={acknowledge.isPending}>
                I have read and understood it
              </button>
            ) : (
              <span className="tag state-done">acknowledged {new Date(t.acknowledgedAt).toLocaleDateString()}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
