import { Link, useParams } from 'react-router';
import { useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ReadinessList } from '../initiative/ReadinessList';
import { useInitiative } from '../initiative/queries';
import { DECISION_LABELS } from '../../app/labels';
import { DecisionForm } from './DecisionForm';
import { EvidencePanel } from './EvidencePanel';
import { OutcomePanel } from './OutcomePanel';
import { useGateDefinition, useReview } from './queries';
import { ScorecardForm } from './ScorecardForm';

const STATUS_LABELS: Record<string, string> = {
  requested: 'Checking readiness…',
  not_ready: 'Not ready',
  scoring: 'Gatekeepers scoring',
  awaiting_decision: 'Awaiting the chair',
  decided: 'Decided',
  cancelled: 'Cancelled',
};

/** A gate review: the frozen evidence, the gatekeeper's scorecard, and for the chair the outcome and the decision. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const review = useReview(id);
  const initiative = useInitiative(review.data?.initiativeId ?? '');
  const definition = useGateDefinition(initiative.data?.processModel.id, review.data?.gate);
  if (review.isPending) return <p aria-busy="true">Loading…</p>;
  if (review.isError) return <ProblemMessage error={review.error} />;
  const r = review.data;
  const isGatekeeper = r.gatekeeperIds.includes(me.userId);
  const hasScored = r.scorecards.some((s) => s.gatekeeperId === me.userId);
  const isChair = r.chairId === me.userId;
  const proposal = r.outcome?.proposal;
  return (
    <section>
      <header className="page-head">
        <h1>
          {r.gate} review: {initiative.data?.title ?? '…'}
        </h1>
        <p className="facts-line">
          <span className="tag">{STATUS_LABELS[r.status] ?? r.status}</span>
          {r.deadlineAt !== null && <> · scores due {new Date(r.deadlineAt).toLocaleDateString()}</>}
          {r.decision !== null && (
            <>
              {' '}
              · decided <strong>{DECISION_LABELS[r.decision]}</strong>
              {r.decisionReason !== null && <> — “{r.decisionReason}”</>}
            </>
          )}
          {isChair && ' · you chair this review'}
          {isGatekeeper && ' · you are a gatekeeper'}
        </p>
        <Link to={`/initiatives/${r.initiativeId}`}>The initiative</Link>
      </header>
      {r.status === 'not_ready' && <ReadinessList readiness={r.readiness} />}
      <div className="two-columns">
        <div>{r.evidenceHash !== null && <EvidencePanel reviewId={r.id} />}</div>
        <div>
          {r.status === 'scoring' && isGatekeeper && !hasScored && definition.data !== undefined && (
            <ScorecardForm reviewId={r.id} definition={definition.data} />
          )}
          {hasScored && <p className="notice">Your scorecard is in.</p>}
          {(isChair || r.status === 'decided') && <OutcomePanel review={r} />}
          {r.status === 'awaiting_decision' && isChair && (
            <DecisionForm reviewId={r.id} initiativeId={r.initiativeId} proposal={proposal} />
          )}
        </div>
      </div>
    </section>
  );
}
