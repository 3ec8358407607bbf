import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { DOCUMENT_STATE_LABELS, DOCUMENT_TYPE_LABELS, REVIEW_STATE_LABELS } from './document-labels';

/** The controlled documents: number, title, type, owner, state, effective revision, review flag and periodic review date. */
export function DocumentRegister() {
  const [params, setParams] = useSearchParams();
  const flagged = params.get('flagged') === 'true';
  const reviewDue = params.get('reviewDue') === 'true';
  const documents = useQuery({
    queryKey: ['documents', { flagged, reviewDue }],
    queryFn: () =>
      unwrap(
        api.GET('/api/documents', {
          params: {
            query: { ...(flagged ? { flagged: 'true' } : {}), ...(reviewDue ? { reviewDue: 'true' } : {}) },
          },
        }),
      ),
  });
  const toggle = (name: 'flagged' | 'reviewDue', on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set(name, 'true');
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return (
    <section>
      <h1>Document register</h1>
      <label className="check">
        <input type="checkbox" checked={flagged} onChange={(e) => toggle('flagged', e.target.checked)} /> Only documents
        flagged for review
      </label>
      <label className="check">
        <input type="checkbox" checked={reviewDue} onChange={(e) => toggle('reviewDue', e.target.checked)} /> Only
        documents whose periodic review is due (within 30 days or overdue)
      </label>
      <ProblemMessage error={documents.error} />
      <table className="data">
        <caption className="sr-only">Controlled documents</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Title</th>
            <th scope="col">Type</th>
            <th scope="col">Owner</th>
            <th scope="col">State</th>
            <th scope="col">Effective revision</th>
            <th scope="col">Flagged</th>
            <th scope="col">Review due</th>
            <th scope="col">Export</th>
          </tr>
        </thead>
        <tbody>
          {documents.data?.map((d) => (
            <tr key={d.id}>
              <td>{d.number ?? 'unnumbered'}</td>
              <td>
                <Link to={`/documents/${d.id}`}>{d.title}</Link>
              </td>
              <td>{DOCUMENT_TYPE_LABELS[d.documentType]}</td>
              <td>{d.ownerName ?? 'unknown'}</td>
              <td>{DOCUMENT_STATE_LABELS[d.status]}</td>
              <td className="num">{d.effectiveRevision ?? '—'}</td>
              <td>
                {d.reviewFlaggedAt === null ? (
                  ''
                ) : (
                  <span className="missing">since {new Date(d.reviewFlaggedAt).toLocaleDateString()}</span>
                )}
              </td>
              <td>
                {d.reviewDueAt === null ? (
                  '—'
                ) : (
                  <>
                    {new Date(d.reviewDueAt).toLocaleDateString()}{' '}
                    {(d.reviewState === 'overdue' || d.reviewState === 'due_soon') && (
                      <span className={d.reviewState === 'overdue' ? 'missing' : 'tag'}>
                        {REVIEW_STATE_LABELS[d.reviewState]}
                      </span>
                    )}
                  </>
                )}
              </td>
              <td>
                <a href={`/api/documents/${d.id}/export.pdf`}>
                  PDF<span className="sr-only"> of {d.number ?? d.title}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {documents.data?.length === 0 && <p>No document{flagged || reviewDue ? ' matches' : ' yet'}.</p>}
    </section>
  );
}
