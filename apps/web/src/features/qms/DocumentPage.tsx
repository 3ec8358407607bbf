import { Link, useParams } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useScrollToHash } from '../../ui/useScrollToHash';
import { ChangeRequests } from './ChangeRequests';
import { PeriodicReviewPanel } from './PeriodicReviewPanel';
import { useDocument } from './queries';
import { RevisionCard } from './RevisionCard';

/** A controlled document: its periodic review, revisions (none edited in place), approvals, training, change requests. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const document = useDocument(id);
  useScrollToHash(document.isSuccess);
  if (document.isPending) return <p aria-busy="true">Loading…</p>;
  if (document.isError) return <ProblemMessage error={document.error} />;
  const d = document.data;
  return (
    <section>
      <header className="page-head">
        <h1>
          {d.number ?? 'Unnumbered'} {d.title}
        </h1>
        <p className="facts-line">
          <span className="tag">{d.status}</span> {d.documentType} · owner {d.ownerName ?? d.ownerId ?? 'none'} · kept{' '}
          {d.retentionYears} years
          {d.reviewFlaggedAt !== null && <span className="missing"> · flagged for review: {d.reviewFlagReason}</span>}
        </p>
        <a href={`/api/documents/${d.id}/export.pdf`}>Export as PDF</a> ·{' '}
        <Link to={`/nonconformities/new?subjectType=controlled_document&subjectId=${d.id}`}>
          Raise a nonconformity about this document
        </Link>
      </header>
      <PeriodicReviewPanel document={d} />
      <div className="two-columns">
        <section className="panel" aria-labelledby="revisions">
          <h2 id="revisions">Revisions</h2>
          <ol className="plain" reversed>
            {[...d.revisions].reverse().map((r) => (
              <RevisionCard key={r.id} document={d} revision={r} />
            ))}
          </ol>
        </section>
        <ChangeRequests document={d} />
      </div>
    </section>
  );
}
