import { useParams } from 'react-router';
import { Link } from 'react-router';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { GateView } from './GateView';
import { GATES, MODEL_STATUS_LABELS } from './model';
import { ActivateDraft, NewDraftFrom } from './ModelActions';
import { FrozenRule } from './ProcessModelsPage';
import { useProcessModel } from './queries';

/** One version: its gates, deliverables and criteria; admins draft a new version from it, or edit and activate a draft. */
export function ProcessModelPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const model = useProcessModel(id);
  if (model.isPending) return <p aria-busy="true">Loading…</p>;
  if (model.isError) return <ProblemMessage error={model.error} />;
  const m = model.data;
  const admin = hasRole(me, ['admin']);
  return (
    <article>
      <p>
        <Link to="/process-models">All process models</Link>
      </p>
      <header className="page-head">
        <h1>
          {m.name} <span className="count">v{m.version}</span>
        </h1>
        <p className="facts-line">
          <code>{m.key}</code>{' '}
          <span className={m.status === 'draft' ? 'tag' : 'tag frozen'}>{MODEL_STATUS_LABELS[m.status]}</span>
          {m.activatedAt !== null && <> · activated {new Date(m.activatedAt).toLocaleString()}</>}
        </p>
      </header>
      <FrozenRule />
      {admin && m.status === 'draft' && (
        <div className="panel">
          <h2>This draft</h2>
          <p>
            <Link to={`/process-models/${m.id}/edit`}>Edit this draft</Link>
          </p>
          <ActivateDraft model={m} />
        </div>
      )}
      {admin && <NewDraftFrom model={m} />}
      <div className="gates">
        {GATES.map((g) => (
          <GateView key={g} gate={g} definition={m.definition.gates[g]} />
        ))}
      </div>
    </article>
  );
}
