import { ApiProblem } from '../api/problem';
import { ROLE_LABELS, type Role } from '../app/session';

/** Says what went wrong in words: the API's detail, which role a 403 needs, and an offer to reload on a 409. */
export function ProblemMessage({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (error === null || error === undefined) return null;
  if (!(error instanceof ApiProblem)) {
    return (
      <p className="problem" role="alert">
        {error instanceof Error ? error.message : 'Something went wrong'}
      </p>
    );
  }
  return (
    <div className="problem" role="alert">
      <p>
        <strong>{error.title}.</strong> {error.detail} {error.isForbidden ? rolesHint(error.detail) : null}
      </p>
      {error.fields.length > 0 && (
        <ul>
          {error.fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.reason}
            </li>
          ))}
        </ul>
      )}
      {error.isConflict && onReload !== undefined && (
        <p>
          Someone changed this since you opened it.{' '}
          <button type="button" onClick={onReload}>
            Reload the latest version
          </button>
        </p>
      )}
    </div>
  );
}

/** The API's 403 details name roles by their codes; show their labels. */
function rolesHint(detail: string): string | null {
  const named = (Object.keys(ROLE_LABELS) as Role[]).filter((r) => detail.includes(r));
  return named.length === 0 ? null : `Needs the role: ${named.map((r) => ROLE_LABELS[r]).join(' or ')}.`;
}
