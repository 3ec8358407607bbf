import { useQuery } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';

/** Inbox items and training name revisions: their page is their document's. */
export function RevisionRedirect() {
  const { id = '' } = useParams();
  const revision = useQuery({
    queryKey: ['revision', id],
    queryFn: () => unwrap(api.GET('/api/revisions/{id}', { params: { path: { id } } })),
  });
  if (revision.isPending) return <p aria-busy="true">Loading…</p>;
  if (revision.isError) return <ProblemMessage error={revision.error} />;
  return <Navigate to={`/documents/${revision.data.documentId}`} replace />;
}
