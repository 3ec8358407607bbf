import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { STAGE_LABELS } from '../portfolio/labels';
import { initiativeKey } from './queries';

/** What the duplicate check found when the initiative was created (a background job finishes it when the create could not). */
export function DuplicatesPanel({ initiativeId }: { initiativeId: string }) {
  const check = useQuery({
    queryKey: [...initiativeKey(initiativeId), 'duplicates'],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/duplicates', { params: { path: { id: initiativeId } } })),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 3000 : false),
  });
  const data = check.data;
  if (data === undefined || data.status === 'unchecked') return null;
  return (
    <section className="panel" aria-labelledby="duplicates">
      <h2 id="duplicates">Possible duplicates</h2>
      {data.status === 'pending' && <p aria-busy="true">Still looking for similar initiatives…</p>}
      {data.status === 'incomplete' && <p className="hint">The search ran out of time; what it found is listed.</p>}
      {data.status !== 'pending' && data.candidates.length === 0 && <p>None found.</p>}
      <ul className="plain">
        {data.candidates.map((c) => (
          <li key={c.id}>
            <Link to={`/initiatives/${c.id}`}>{c.title}</Link>{' '}
            <span className="hint">
              {STAGE_LABELS[c.stage] ?? c.stage} · {Math.round(c.similarity * 100)}% similar
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
