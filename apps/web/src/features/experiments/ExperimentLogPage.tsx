import { Link, useParams } from 'react-router';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useScrollToHash } from '../../ui/useScrollToHash';
import { useInitiative } from '../initiative/queries';
import { AssumptionMap } from './AssumptionMap';
import { ExperimentCards } from './ExperimentCards';
import { LearningLogUpload } from './LearningLogUpload';
import { LearningsPanel } from './LearningsPanel';

/** The experiment log of one initiative: what it assumes, how it tests it, and what it learnt. */
export function ExperimentLogPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const initiative = useInitiative(id);
  useScrollToHash(initiative.isSuccess);
  if (initiative.isPending) return <p aria-busy="true">Loading…</p>;
  if (initiative.isError) return <ProblemMessage error={initiative.error} />;
  const i = initiative.data;
  // The owner's team may write too; the API has the last word and its refusal is shown where it happens.
  const mayWrite = i.ownerId === me.userId || hasRole(me, ['admin', 'innovation_lead']);
  return (
    <section>
      <header className="page-head">
        <h1>Experiment log: {i.title}</h1>
        <Link to={`/initiatives/${i.id}`}>Back to the initiative</Link>
      </header>
      <AssumptionMap initiativeId={i.id} mayWrite={mayWrite} />
      <div className="two-columns">
        <ExperimentCards initiativeId={i.id} mayWrite={mayWrite} />
        <div>
          <LearningsPanel initiativeId={i.id} mayWrite={mayWrite} />
          {mayWrite && <LearningLogUpload initiativeId={i.id} />}
        </div>
      </div>
    </section>
  );
}
