import { useParams } from 'react-router';
import { Link } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { MarketSection } from '../market/MarketSection';
import { OriginLink } from '../opportunity/origin';
import { AMBITION_LABELS, formatMoney, STAGE_LABELS, STATUS_LABELS } from '../portfolio/labels';
import { ConditionsPanel } from './ConditionsPanel';
import { DeliverablesPanel } from './DeliverablesPanel';
import { DuplicatesPanel } from './DuplicatesPanel';
import { FactsForm } from './FactsForm';
import { HistoryTimeline } from './HistoryTimeline';
import { useInitiative } from './queries';
import { ReviewsPanel } from './ReviewsPanel';
import { TeamPanel } from './TeamPanel';

/** One initiative: what it is, where it stands, what it must still deliver, and how it got here. */
export function InitiativePage() {
  const { id = '' } = useParams();
  const initiative = useInitiative(id);
  if (initiative.isPending) return <p aria-busy="true">Loading…</p>;
  if (initiative.isError) return <ProblemMessage error={initiative.error} />;
  const i = initiative.data;
  return (
    <article className="initiative">
      <header className="page-head">
        <h1>{i.title}</h1>
        <p className="facts-line">
          <span className="tag">{STAGE_LABELS[i.stage] ?? i.stage}</span>{' '}
          <span className="tag">{STATUS_LABELS[i.status] ?? i.status}</span> {i.horizon} ·{' '}
          {AMBITION_LABELS[i.ambition] ?? i.ambition} · {i.innovationType} · ECV <strong>{formatMoney(i.ecv)}</strong>
          {i.holdUntil !== null && <> · on hold until {new Date(i.holdUntil).toLocaleDateString()}</>}
        </p>
        {i.origin !== null && (
          <p className="origin-line">
            Raised from <OriginLink origin={i.origin} />
          </p>
        )}
        <nav aria-label="Initiative" className="subnav">
          <Link to={`/initiatives/${i.id}/experiments`}>Experiment log</Link>
          <Link to={`/initiatives/${i.id}/handover`}>Handover</Link>
        </nav>
      </header>
      <div className="two-columns">
        <div>
          <FactsForm initiative={i} />
          <DeliverablesPanel initiative={i} />
        </div>
        <div>
          <ReviewsPanel initiative={i} />
          <ConditionsPanel initiativeId={i.id} />
          <DuplicatesPanel initiativeId={i.id} />
          <TeamPanel initiative={i} />
          <HistoryTimeline events={i.history} />
        </div>
      </div>
      {i.stage === 'in_operation' && <MarketSection initiativeId={i.id} ownerId={i.ownerId} />}
    </article>
  );
}
