import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { RaiseOpportunityOnDemand, type OpportunityFields } from '../opportunity/RaiseOpportunityForm';
import type { Nonconformity } from './queries';
import { useNcMutation } from './useNcMutation';

/** Operations feed innovation (ISO 56001 8.3.2): the NC raises one initiative in explore, linked both ways. */
export function OpportunitySection({
  nc,
  editable,
  canLead,
}: {
  nc: Nonconformity;
  editable: boolean;
  canLead: boolean;
}) {
  const raisable = editable && nc.opportunityInitiativeId === null && nc.status !== 'closed';
  if (nc.opportunityInitiativeId === null && !raisable) return null;
  return (
    <section className="panel" aria-labelledby="nc-opportunity">
      <h2 id="nc-opportunity">Opportunity</h2>
      {nc.opportunityInitiativeId === null ? (
        <p>No opportunity raised.</p>
      ) : (
        <p>
          This nonconformity raised <Link to={`/initiatives/${nc.opportunityInitiativeId}`}>an initiative</Link>.
        </p>
      )}
      {raisable && <RaiseFromNc nc={nc} canLead={canLead} />}
    </section>
  );
}

function RaiseFromNc({ nc, canLead }: { nc: Nonconformity; canLead: boolean }) {
  const raise = useNcMutation(nc.id, (body: OpportunityFields) =>
    unwrap(api.POST('/api/nonconformities/{id}/opportunity', { params: { path: { id: nc.id } }, body })),
  );
  return <RaiseOpportunityOnDemand raise={raise} canLead={canLead} />;
}
