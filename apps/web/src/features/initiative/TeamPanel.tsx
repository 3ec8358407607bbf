import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { PeoplePicker } from '../../ui/PeoplePicker';
import type { Person } from '../../ui/people';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { initiativeKey, type Initiative } from './queries';

/** Who works on the initiative besides its owner (the team may log experiments and learnings); the owner or an admin names it. */
export function TeamPanel({ initiative }: { initiative: Initiative }) {
  const me = useMe();
  const client = useQueryClient();
  const teamKey = [...initiativeKey(initiative.id), 'team'];
  const team = useQuery({
    queryKey: teamKey,
    queryFn: () => unwrap(api.GET('/api/initiatives/{id}/team', { params: { path: { id: initiative.id } } })),
  });
  const [editing, setEditing] = useState<Person[] | null>(null);
  const save = useMutation({
    mutationFn: (people: Person[]) =>
      unwrap(
        api.PUT('/api/initiatives/{id}/team', {
          params: { path: { id: initiative.id } },
          body: { memberIds: people.map((p) => p.id) },
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(teamKey, saved);
      setEditing(null);
    },
  });
  const mayEdit = initiative.ownerId === me.userId || hasRole(me, ['admin']);
  return (
    <section className="panel" aria-labelledby="team">
      <h2 id="team">Team</h2>
      <ProblemMessage error={team.error} />
      {editing === null ? (
        <>
          {team.data?.length === 0 && <p>Only the owner so far.</p>}
          <ul className="plain">
            {team.data?.map((m) => (
              <li key={m.userId}>
                {m.displayName} <span className="hint">{m.email}</span>
              </li>
            ))}
          </ul>
          {mayEdit && team.data !== undefined && (
            <button
              type="button"
              className="secondary"
              onClick={() => setEditing(team.data.map((m) => ({ id: m.userId, displayName: m.displayName })))}
            >
              Change the team
            </button>
          )}
        </>
      ) : (
        <form
          aria-label="Team members"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(editing);
          }}
        >
          <PeoplePicker
            label="Team members"
            name="memberIds"
            value={editing.filter((p) => p.id !== initiative.ownerId)}
            onChange={setEditing}
            error={save.error}
            none="Only the owner."
            exclude={[initiative.ownerId]}
            hint="Team members may write assumptions, experiments and learnings."
          />
          <ProblemMessage error={save.error} />
          <div className="actions">
            <button type="submit" disabled={save.isPending}>
              Save the team
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
