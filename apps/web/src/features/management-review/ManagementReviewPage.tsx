import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { SignatureDialog } from '../../ui/SignatureDialog';
import { OutputsSection } from './OutputsSection';
import { PackView } from './PackView';
import { useReview, useReviewMutation, type ManagementReview } from './queries';

/** One review: the pack by clause, the outputs, the signature and the PDF. */
export function ManagementReviewPage() {
  return (
    <RequireRole roles={['leadership', 'quality_head', 'auditor']}>
      <Review />
    </RequireRole>
  );
}

function Review() {
  const { id = '' } = useParams();
  const me = useMe();
  const review = useReview(id);
  if (review.data === undefined) return <ProblemMessage error={review.error} />;
  const r = review.data;
  const leads = hasRole(me, ['leadership']) && r.status === 'scheduled';
  return (
    <section>
      <h1>
        {r.number} — management review of {r.meetingOn}
      </h1>
      <p>
        Period {r.periodFrom} to {r.periodTo} · {r.status === 'signed' ? 'Signed' : 'Scheduled'} · scheduled by{' '}
        {r.scheduledByName} · <a href={`/api/management-reviews/${r.id}/export.pdf`}>Export as PDF</a>
      </p>
      {leads && <Reassemble review={r} />}
      <PackView review={r} />
      <OutputsSection review={r} editable={leads} />
      <SignatureSection review={r} editable={leads} />
    </section>
  );
}

function Reassemble({ review }: { review: ManagementReview }) {
  const again = useReviewMutation(review.id, () =>
    unwrap(api.POST('/api/management-reviews/{id}/reassemble', { params: { path: { id: review.id } } })),
  );
  return (
    <p>
      <button
        type="button"
        className="secondary"
        disabled={!review.packReady || again.isPending}
        onClick={() => again.mutate(undefined)}
      >
        Reassemble the pack
      </button>{' '}
      <ProblemMessage error={again.error} />
    </p>
  );
}

function SignatureSection({ review, editable }: { review: ManagementReview; editable: boolean }) {
  const [signing, setSigning] = useState(false);
  const sign = useReviewMutation(
    review.id,
    (password: string) =>
      unwrap(
        api.POST('/api/management-reviews/{id}/sign', { params: { path: { id: review.id } }, body: { password } }),
      ),
    () => setSigning(false),
  );
  return (
    <section className="panel" aria-labelledby="review-signature">
      <h2 id="review-signature">Signature</h2>
      {review.signatures.map((s) => (
        <p key={s.id} className="signature-line">
          {s.manifestation} <span className="tag">{s.status}</span>
        </p>
      ))}
      {review.status === 'signed' ? (
        <p>Signed: the pack and the outputs are frozen. Actions go on with their owners.</p>
      ) : (
        <p>Leadership signs once the outputs are recorded; the signature covers the pack’s hash and the outputs.</p>
      )}
      {editable && (
        <button type="button" disabled={!review.packReady} onClick={() => setSigning(true)}>
          Sign the review…
        </button>
      )}
      {signing && (
        <SignatureDialog
          meaning="approved (management review)"
          subject={`${review.number}: pack and outputs`}
          contentHash={review.packSha256}
          onSign={(password) => sign.mutate(password)}
          onClose={() => setSigning(false)}
          error={sign.error}
          pending={sign.isPending}
        />
      )}
      {review.opportunities.length > 0 && (
        <p>
          Opportunities raised:{' '}
          {review.opportunities.map((o, i) => (
            <span key={o.id}>
              {i > 0 && ', '}
              <Link to={`/initiatives/${o.initiativeId}`}>{o.title}</Link>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
