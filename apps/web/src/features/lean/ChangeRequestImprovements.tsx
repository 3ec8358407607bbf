import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';

/** On a change request: the improvement events that raised it (the link's other end). Nothing when there are none. */
export function ChangeRequestImprovements({ changeRequestId }: { changeRequestId: string }) {
  const linked = useQuery({
    queryKey: ['change-request-improvements', changeRequestId],
    queryFn: () =>
      unwrap(api.GET('/api/change-requests/{id}/improvements', { params: { path: { id: changeRequestId } } })),
  });
  if (linked.data === undefined || linked.data.length === 0) return null;
  return (
    <p className="hint">
      Raised by improvement{' '}
      {linked.data.map((n, i) => (
        <span key={n.id}>
          {i > 0 && ', '}
          <Link to={`/improvements/${n.id}`}>{n.number}</Link>
        </span>
      ))}
    </p>
  );
}
