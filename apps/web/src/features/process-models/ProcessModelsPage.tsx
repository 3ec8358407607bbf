import { Link } from 'react-router';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { MODEL_STATUS_LABELS } from './model';
import { useProcessModels } from './queries';

/** Every version of every process model; readable by everyone, changed by admins through drafts. */
export function ProcessModelsPage() {
  const me = useMe();
  const models = useProcessModels();
  return (
    <section>
      <h1>Process models</h1>
      <FrozenRule />
      {!hasRole(me, ['admin']) && <p className="hint">Only admins draft and activate versions.</p>}
      <ProblemMessage error={models.error} />
      <table className="data">
        <caption className="sr-only">Process model versions, newest first per key</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Activated</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {models.data?.map((m) => (
            <tr key={m.id} className={m.status === 'retired' ? 'superseded' : undefined}>
              <td>
                <Link to={`/process-models/${m.id}`}>{m.name}</Link> <code>{m.key}</code>
              </td>
              <td className="num">v{m.version}</td>
              <td>
                <span className={m.status === 'draft' ? 'tag' : 'tag frozen'}>{MODEL_STATUS_LABELS[m.status]}</span>
              </td>
              <td>{m.activatedAt === null ? '—' : new Date(m.activatedAt).toLocaleDateString()}</td>
              <td>{new Date(m.createdAt).toLocaleDateString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The rule every process model page states: what activation changes, and what it never touches. */
export function FrozenRule() {
  return (
    <p className="notice">
      An active or retired version is <strong>frozen</strong>: it never changes. A change is a new draft version, edited
      and then activated. Each initiative is <strong>pinned</strong> to the version it was created with and keeps it to
      the end; activating a version changes only which one new initiatives get.
    </p>
  );
}
