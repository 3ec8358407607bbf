import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { STAGE_LABELS, STATUS_LABELS } from '../portfolio/labels';
import { useDebounced } from '../../ui/useDebounced';
import { Highlight } from './Highlight';

/** One box over initiatives (title and problem) and learnings (ranked, killed initiatives' included). */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const typed = params.get('q') ?? '';
  const q = useDebounced(typed.trim(), 300);
  const initiatives = useQuery({
    queryKey: ['search', 'initiatives', q],
    enabled: q.length >= 3,
    queryFn: () => unwrap(api.GET('/api/initiatives', { params: { query: { q, limit: 20 } } })),
  });
  const learnings = useQuery({
    queryKey: ['search', 'learnings', q],
    enabled: q.length >= 2,
    queryFn: () => unwrap(api.GET('/api/learnings/search', { params: { query: { q, limit: 20 } } })),
  });
  return (
    <section>
      <h1>Search</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Search initiatives and learnings"
          name="q"
          type="search"
          value={typed}
          onChange={(e) => setParams(e.target.value === '' ? {} : { q: e.target.value }, { replace: true })}
          hint="Three characters or more"
        />
      </form>
      <div className="two-columns">
        <section className="panel" aria-labelledby="found-initiatives">
          <h2 id="found-initiatives">Initiatives</h2>
          <ProblemMessage error={initiatives.error} />
          {initiatives.data?.items.length === 0 && <p>No initiative matches.</p>}
          <ul className="plain">
            {initiatives.data?.items.map((i) => (
              <li key={i.id}>
                <Link to={`/initiatives/${i.id}`}>{i.title}</Link>{' '}
                <span className="hint">
                  {STAGE_LABELS[i.stage] ?? i.stage} · {STATUS_LABELS[i.status] ?? i.status}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="found-learnings">
          <h2 id="found-learnings">Learnings</h2>
          <ProblemMessage error={learnings.error} />
          {learnings.data?.length === 0 && <p>No learning matches.</p>}
          <ul className="plain">
            {learnings.data?.map((l) => (
              <li key={l.learningId}>
                <p>
                  <Highlight text={l.highlight} />
                </p>
                <p className="hint">
                  <Link to={`/initiatives/${l.initiativeId}/experiments`}>{l.initiativeTitle}</Link> (
                  {STATUS_LABELS[l.initiativeStatus] ?? l.initiativeStatus}) · decision {l.decision} · confidence{' '}
                  {l.confidence}
                  {l.superseded && ' · superseded'}
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
