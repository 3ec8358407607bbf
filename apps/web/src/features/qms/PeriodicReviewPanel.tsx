import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { SelectField, TextArea } from '../../ui/Field';
import { ChangeRequestFields, EMPTY_CHANGE_REQUEST } from './ChangeRequestFields';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { SignatureDialog } from '../../ui/SignatureDialog';
import { REVIEW_STATE_LABELS } from './document-labels';
import { documentKey, type ControlledDocument } from './queries';

/** The periodic review: when it is due, the reviews recorded, and the form for the owner or a quality head. */
export function PeriodicReviewPanel({ document }: { document: ControlledDocument }) {
  const me = useMe();
  const review = document.periodicReview;
  const mayRecord = document.ownerId === me.userId || hasRole(me, ['quality_head']);
  return (
    <section className="panel" aria-labelledby="periodic-review">
      <h2 id="periodic-review">Periodic review</h2>
      <p>
        <span className={review.state === 'overdue' ? 'missing' : 'tag'}>{REVIEW_STATE_LABELS[review.state]}</span>
        {review.dueAt !== null && <> due {new Date(review.dueAt).toLocaleDateString()}</>}
        {review.intervalMonths !== null && <span className="hint"> · every {review.intervalMonths} months</span>}
      </p>
      {review.reviews.length > 0 && (
        <ul className="plain">
          {review.reviews.map((r) => (
            <li key={r.id}>
              Revision {r.revision}, due {new Date(r.dueAt).toLocaleDateString()}:{' '}
              {r.outcome === 'still_valid' ? 'still valid' : 'change needed'} — {r.reviewerName ?? r.reviewedBy},{' '}
              {new Date(r.reviewedAt).toLocaleDateString()}
              {r.comment !== null && ` — ${r.comment}`}
              {r.signature !== null && (
                <span className="hint">
                  {' '}
                  · {r.signature.manifestation} ({r.signature.status})
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayRecord && review.dueAt !== null && (review.state === 'due_soon' || review.state === 'overdue') && (
        <RecordReview document={document} dueAt={review.dueAt} />
      )}
      {mayRecord && review.dueAt !== null && review.state === 'scheduled' && (
        <details className="new-item">
          <summary>Record a review ahead of its date</summary>
          <RecordReview document={document} dueAt={review.dueAt} />
        </details>
      )}
    </section>
  );
}

function RecordReview({ document, dueAt }: { document: ControlledDocument; dueAt: string }) {
  const client = useQueryClient();
  const effective = document.revisions.find((r) => r.state === 'effective');
  const [outcome, setOutcome] = useState<'still_valid' | 'change_needed'>('still_valid');
  const [comment, setComment] = useState('');
  const [change, setChange] = useState({
    ...EMPTY_CHANGE_REQUEST,
    proposedTitle: effective?.title ?? '',
    proposedBody: effective?.body ?? '',
  });
  const [signing, setSigning] = useState(false);
  const record = useMutation({
    mutationFn: (password: string | null) =>
      unwrap(
        api.POST('/api/documents/{id}/reviews', {
          params: { path: { id: document.id } },
          body: {
            outcome,
            dueAt,
            ...(comment === '' ? {} : { comment }),
            ...(password === null ? change : { password }),
          },
        }),
      ),
    onSuccess: async (updated) => {
      setSigning(false);
      setComment('');
      client.setQueryData(documentKey(document.id), updated);
      await client.invalidateQueries({ queryKey: ['documents'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (outcome === 'still_valid') setSigning(true);
    else record.mutate(null);
  };
  return (
    <>
      <form onSubmit={submit} aria-label="Record the periodic review">
        <SelectField
          label="Outcome"
          name="outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as typeof outcome)}
          options={[
            { value: 'still_valid', label: 'Still valid (signed)' },
            { value: 'change_needed', label: 'Change needed (raises a change request)' },
          ]}
          error={record.error}
        />
        <TextArea
          label="Comment"
          name="comment"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={record.error}
        />
        {outcome === 'change_needed' && (
          <ChangeRequestFields
            value={change}
            onChange={setChange}
            error={record.error}
            reasonLabel="Reason for the change"
          />
        )}
        {!signing && <ProblemMessage error={record.error} />}
        <button type="submit" disabled={record.isPending}>
          {outcome === 'still_valid' ? 'Sign as still valid…' : 'Record and raise the change request'}
        </button>
      </form>
      {signing && (
        <SignatureDialog
          meaning="reviewed"
          subject={`Periodic review of ${document.number ?? document.title}, due ${new Date(dueAt).toLocaleDateString()}: still valid`}
          contentHash={null}
          onSign={(password) => record.mutate(password)}
          onClose={() => setSigning(false)}
          error={record.error}
          pending={record.isPending}
        />
      )}
    </>
  );
}
