import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { initiativeKey, type Initiative } from './queries';

/** Who works on the initiative besides its owner (the team may log experiments and learnings). */
export function TeamPanel({ initiative }: { initiative: Initiative }) {
  const team = useQuery({
    queryKey: [...initiativeKey(initiative.id), 'team'],
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/team', { params: { path: { id: initiative.id } } })),
  });
  return (
    <section className="panel" aria-labelledby="team">
      <h2 id="team">Team</h2>
      <ProblemMessage error={team.error} />
      {team.data?.length === 0 && <p>Only the owner so far.</p>}
      <ul className="plain">
        {team.data?.map((m) => (
          <li key={m.userId}>
            {m.displayName} <span className="hint">{m.email}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
