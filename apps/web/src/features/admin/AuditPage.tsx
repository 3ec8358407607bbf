import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';

export function AuditPage() {
  return (
    <RequireRole roles={['admin']}>
      <Audit />
    </RequireRole>
  );
}

/** Verifies every audit chain (and the signed checkpoints) on demand, and links to the queue dashboard. */
function Audit() {
  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/admin/audit/verify')) });
  const result = verify.data;
  return (
    <section>
      <h1>Audit trail</h1>
      <p>
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? 'Verifying…' : 'Verify the audit trail'}
        </button>{' '}
        <a href="/admin/queues">Queue dashboard</a>
      </p>
      <ProblemMessage error={verify.error} />
      {result !== undefined && (
        <div role="status" className={result.ok ? 'notice' : 'problem'}>
          <p>
            <strong>{result.ok ? 'Intact' : 'Tampering found'}</strong>: {result.chains} chains, {result.entries}{' '}
            entries checked.
          </p>
          {result.problems.length > 0 && (
            <ul>
              {result.problems.map((p) => (
                <li key={`${p.chainKey}-${p.seq}`}>
                  {p.chainKey} #{p.seq}: {p.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
