import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { INBOX_KEY, useInbox } from '../../app/Layout';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { KIND_LABELS, subjectLink } from './subject-links';

/** "My work": everything waiting for the signed-in person, newest first, each a link to where it is done. */
export function InboxPage() {
  const inbox = useInbox();
  const client = useQueryClient();
  const done = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/me/inbox/{id}/done', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: INBOX_KEY }),
  });

  return (
    <section>
      <h1>My work</h1>
      <ProblemMessage error={inbox.error ?? done.error} />
      {inbox.isPending && <p aria-busy="true">Loading…</p>}
      {inbox.data?.length === 0 && <p>Nothing is waiting for you.</p>}
      {inbox.data !== undefined && inbox.data.length > 0 && (
        <ul className="inbox">
          {inbox.data.map((item) => {
            const to = subjectLink(item.subjectType, item.subjectId);
            return (
              <li key={item.id}>
                <span className="tag">{KIND_LABELS[item.kind] ?? item.kind}</span>
                {to === null ? <span>{item.title}</span> : <Link to={to}>{item.title}</Link>}
                <time dateTime={String(item.createdAt)}>{new Date(item.createdAt).toLocaleString()}</time>
                <button type="button" onClick={() => done.mutate(item.id)} disabled={done.isPending}>
                  Mark done
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
