import { Link, useParams } from 'react-router';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { NonconformityFeedbackLink } from '../market/NonconformityFeedbackLink';
import { ActionsSection } from './ActionsSection';
import { ChangeRequestSection } from './ChangeRequestSection';
import { EffectivenessSection } from './EffectivenessSection';
import { InvestigationSection } from './InvestigationSection';
import { OpportunitySection } from './OpportunitySection';
import {
  NC_SEVERITY_LABELS,
  NC_SOURCE_LABELS,
  NC_STATUS_LABELS,
  NC_SUBJECT_LABELS,
  subjectPath,
} from './nonconformity-labels';
import { nameOf, useNonconformity, type Nonconformity } from './queries';

/** One nonconformity: what was raised, then containment, root cause, actions, effectiveness and change request. */
export function NonconformityPage() {
  const { id = '' } = useParams();
  const nc = useNonconformity(id);
  const me = useMe();
  if (nc.isPending) return <p aria-busy="true">Loading…</p>;
  if (nc.isError) return <ProblemMessage error={nc.error} />;
  const quality = hasRole(me, ['quality_head']);
  return (
    <article>
      <header className="page-head">
        <h1>
          {nc.data.number} <span className="tag">{NC_STATUS_LABELS[nc.data.status]}</span>
        </h1>
        <p>
          <Link to="/nonconformities">All nonconformities</Link>
        </p>
      </header>
      <Facts nc={nc.data} />
      {nc.data.source === 'customer_complaint' && <NonconformityFeedbackLink nonconformityId={nc.data.id} />}
      <OpportunitySection
        nc={nc.data}
        editable={hasRole(me, ['quality_head', 'innovation_lead'])}
        canLead={hasRole(me, ['innovation_lead'])}
      />
      <InvestigationSection nc={nc.data} editable={quality} />
      <ActionsSection nc={nc.data} quality={quality} />
      <EffectivenessSection nc={nc.data} editable={quality} />
      <ChangeRequestSection nc={nc.data} editable={quality} />
    </article>
  );
}

function Facts({ nc }: { nc: Nonconformity }) {
  const subject = subjectPath(nc.subjectType, nc.subjectId);
  return (
    <section className="panel" aria-labelledby="nc-facts">
      <h2 id="nc-facts">What was raised</h2>
      <p>{nc.description}</p>
      <dl className="facts">
        <div>
          <dt>Severity</dt>
          <dd>{NC_SEVERITY_LABELS[nc.severity]}</dd>
        </div>
        <div>
          <dt>Probability</dt>
          <dd>{nc.probability} of 5</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{NC_SOURCE_LABELS[nc.source]}</dd>
        </div>
        <div>
          <dt>About</dt>
          <dd>
            {nc.subjectType === null ? (
              'Stand-alone'
            ) : subject === null ? (
              `${NC_SUBJECT_LABELS[nc.subjectType]} ${nc.subjectId ?? ''}`
            ) : (
              <Link to={subject}>{NC_SUBJECT_LABELS[nc.subjectType]}</Link>
            )}
          </dd>
        </div>
        <div>
          <dt>Raised</dt>
          <dd>
            {new Date(nc.raisedAt).toLocaleString()} by {nameOf(nc, nc.raisedBy)}
          </dd>
        </div>
      </dl>
      {nc.evidenceLinks.length > 0 && (
        <>
          <h3>Evidence</h3>
          <ul>
            {nc.evidenceLinks.map((link) => (
              <li key={link}>
                <a href={link} rel="noreferrer noopener" target="_blank">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
