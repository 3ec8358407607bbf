import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { STAGE_LABELS } from './labels';
import { useDebounced } from '../../ui/useDebounced';

/** Similar initiatives anywhere in the organisation, looked up while the title and problem are typed. */
export function DuplicateHints({ title, problem }: { title: string; problem: string }) {
  const query = useDebounced({ title: title.trim(), problem: problem.trim() }, 400);
  const enough = query.title.length >= 3 || query.problem.length >= 3;
  const hints = useQuery({
    queryKey: ['duplicates', query],
    enabled: enough,
    queryFn: () =>
      unwrap(
        api.GET('/api/initiatives/duplicates', {
          params: {
            query: {
              ...(query.title.length >= 3 ? { title: query.title } : {}),
              ...(query.problem.length >= 3 ? { problem: query.problem } : {}),
            },
          },
        }),
      ),
  });
  if (!enough) return null;
  return (
    <aside className="panel hints" aria-labelledby="duplicate-hints" aria-live="polite">
      <h2 id="duplicate-hints">Similar initiatives</h2>
      {hints.isFetching && <p aria-busy="true">Looking…</p>}
      {hints.data !== undefined && hints.data.candidates.length === 0 && <p>None so far.</p>}
      {hints.data?.complete === false && (
        <p className="hint">The search ran out of time; the initiative's page will show the full result later.</p>
      )}
      <ul className="plain">
        {hints.data?.candidates.map((c) => (
          <li key={c.id}>
            <Link to={`/initiatives/${c.id}`} target="_blank">
              {c.title}
            </Link>{' '}
            <span className="hint">
              {STAGE_LABELS[c.stage] ?? c.stage} · {Math.round(c.similarity * 100)}% similar
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
