import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { hasRole, useMe } from '../../app/session';
import { RaiseOpportunityOnDemand, type OpportunityFields } from '../opportunity/RaiseOpportunityForm';
import { useAuditMutation, type Audit, type AuditItem } from './queries';

/**
 * The audit's observations, each of which may raise one opportunity (ISO 56001 8.3.2) — also after the report is
 * signed, since the opportunity is a follow-up kept beside the frozen report.
 */
export function ObservationsSection({ audit }: { audit: Audit }) {
  const me = useMe();
  const observations = audit.items.filter((i) => i.finding === 'observation');
  if (observations.length === 0) return null;
  const mayRaise = hasRole(me, ['quality_head', 'innovation_lead']);
  return (
    <section className="panel" aria-labelledby="audit-observations">
      <h2 id="audit-observations">Observations</h2>
      <ul className="plain">
        {observations.map((item) => (
          <li key={item.id}>
            <strong>{item.clauseTitle}</strong> ({item.clause}): {item.note}
            <Opportunity audit={audit} item={item} mayRaise={mayRaise} canLead={hasRole(me, ['innovation_lead'])} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Opportunity({
  audit,
  item,
  mayRaise,
  canLead,
}: {
  audit: Audit;
  item: AuditItem;
  mayRaise: boolean;
  canLead: boolean;
}) {
  const raise = useAuditMutation(audit.id, (body: OpportunityFields) =>
    unwrap(
      api.POST('/api/audits/{id}/opportunities', {
        params: { path: { id: audit.id } },
        body: { ...body, clause: item.clause },
      }),
    ),
  );
  if (item.opportunityInitiativeId !== null)
    return (
      <p>
        It raised <Link to={`/initiatives/${item.opportunityInitiativeId}`}>an initiative</Link>.
      </p>
    );
  return mayRaise ? <RaiseOpportunityOnDemand raise={raise} canLead={canLead} /> : null;
}
