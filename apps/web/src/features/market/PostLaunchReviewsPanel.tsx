import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { SelectField, TextArea } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { reviewOpen, VERDICT_LABELS } from './market-labels';
import { useMarketMutation, type ProductMarket } from './queries';

type Review = ProductMarket['reviews'][number];

/** The 6- and 12-month post-launch reviews: due in the owner's and leadership's inbox, recorded once. */
export function PostLaunchReviewsPanel({ market, editable }: { market: ProductMarket; editable: boolean }) {
  const name = (id: string | null) => market.people.find((p) => p.id === id)?.displayName ?? 'unknown';
  return (
    <section className="panel" aria-labelledby="market-reviews">
      <h3 id="market-reviews">Post-launch reviews</h3>
      {market.reviews.length === 0 && <p>Scheduled 6 and 12 months after the handover is accepted.</p>}
      <ul className="plain">
        {market.reviews.map((r) => (
          <li key={r.id}>
            <strong>{r.months} months</strong>, due {new Date(r.dueAt).toLocaleDateString()}:{' '}
            {r.verdict === null ? (
              <span className="tag">open</span>
            ) : (
              <>
                <span className="tag">{VERDICT_LABELS[r.verdict] ?? r.verdict}</span> {r.notes}{' '}
                <span className="hint">
                  ({name(r.recordedBy)}, {new Date(r.recordedAt ?? '').toLocaleDateString()})
                </span>
              </>
            )}
            {editable && reviewOpen(r, new Date()) && <RecordReview review={r} initiativeId={market.initiativeId} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RecordReview({ review, initiativeId }: { review: Review; initiativeId: string }) {
  const [verdict, setVerdict] = useState<'ahead' | 'on_track' | 'behind'>('on_track');
  const [notes, setNotes] = useState('');
  const record = useMarketMutation(initiativeId, () =>
    unwrap(api.POST('/api/market/reviews/{id}', { params: { path: { id: review.id } }, body: { verdict, notes } })),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(undefined);
  };
  return (
    <form onSubmit={submit} aria-label={`Record the ${review.months}-month review`} className="new-item">
      <SelectField
        label="Against the forecast"
        name="verdict"
        value={verdict}
        onChange={(e) => setVerdict(e.target.value as typeof verdict)}
        options={Object.entries(VERDICT_LABELS).map(([value, label]) => ({ value, label }))}
        error={record.error}
      />
      <TextArea
        label="Notes"
        name="notes"
        rows={3}
        required
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        error={record.error}
      />
      <ProblemMessage error={record.error} />
      <button type="submit" disabled={record.isPending}>
        Record the review
      </button>
    </form>
  );
}
