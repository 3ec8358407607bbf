import { Link, useParams } from 'react-router';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ImprovementActionsSection } from './ImprovementActionsSection';
import { CloseImprovementSection } from './CloseImprovementSection';
import { ImprovementChangeRequestSection } from './ImprovementChangeRequestSection';
import {
  formatFraction,
  formatLeadTimeDelta,
  formatMinutes,
  formatPointsDelta,
  WASTE_LABELS,
  type Waste,
} from './lean-figures';
import { nameOf, useImprovement, type Improvement } from './queries';

/** One improvement event: problem and target, actions, the change request it raised, and its effect once closed. */
export function ImprovementPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const event = useImprovement(id);
  if (event.isPending) return <p aria-busy="true">Loading…</p>;
  if (event.isError) return <ProblemMessage error={event.error} />;
  const e = event.data;
  const runs = e.processOwnerId === me.userId || hasRole(me, ['quality_head']);
  return (
    <section>
      <header className="page-head">
        <h1>
          {e.number}: {WASTE_LABELS[e.waste as Waste]} in “{e.processName}”
        </h1>
        <p className="facts-line">
          <span className={e.status === 'closed' ? 'tag state-done' : 'tag'}>{e.status}</span> · raised by{' '}
          {nameOf(e, e.raisedBy)} on {new Date(e.raisedAt).toLocaleDateString()} · process owner{' '}
          {nameOf(e, e.processOwnerId)}
        </p>
        <nav className="subnav" aria-label="Improvement">
          <Link to="/improvements">All improvements</Link>
          <Link to={`/improvements?valueStreamId=${e.valueStreamId}`}>This process’s improvements</Link>
        </nav>
      </header>
      <section className="panel" aria-labelledby="problem">
        <h2 id="problem">Problem and target</h2>
        <p>{e.problem}</p>
        <p>
          <strong>Target:</strong> {e.target}
        </p>
      </section>
      {e.effect !== null && <Effect event={e} />}
      <div className="two-columns">
        <div>
          <ImprovementActionsSection event={e} runs={runs} />
        </div>
        <div>
          <ImprovementChangeRequestSection event={e} runs={runs} />
          {e.status === 'open' && runs && <CloseImprovementSection event={e} />}
        </div>
      </div>
    </section>
  );
}

function Effect({ event }: { event: Improvement }) {
  const effect = event.effect;
  if (effect === null) return null;
  return (
    <section className="panel" aria-labelledby="effect">
      <h2 id="effect">Measured effect</h2>
      {/* Focusable so a narrow screen can scroll it from the keyboard. */}
      <div className="lean-table-wrap" role="region" aria-label="Before and after" tabIndex={0}>
        <table className="data">
          <caption className="sr-only">Before (the baseline) and after (measured at close)</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Baseline</th>
              <th scope="col">At close</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Lead time</th>
              <td>{formatMinutes(effect.before.leadTime)}</td>
              <td>{formatMinutes(effect.after.leadTime)}</td>
              <td>{formatLeadTimeDelta(effect.leadTimeDelta)}</td>
            </tr>
            <tr>
              <th scope="row">Flow efficiency</th>
              <td>{formatFraction(effect.before.flowEfficiency)}</td>
              <td>{formatFraction(effect.after.flowEfficiency)}</td>
              <td>{formatPointsDelta(effect.flowEfficiencyDelta)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {event.closeNote !== null && (
        <p className="hint">
          Closed by {nameOf(event, event.closedBy)}
          {event.closedAt !== null && ` on ${new Date(event.closedAt).toLocaleDateString()}`}: {event.closeNote}
        </p>
      )}
    </section>
  );
}
