import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { TextArea } from '../../ui/Field';
import { SignatureDialog } from '../../ui/SignatureDialog';
import { nameOf, type Nonconformity } from './queries';
import { useNcMutation } from './useNcMutation';

/**
 * The effectiveness check: due the planned days after the last action closed. Effective closes the NC with an
 * electronic signature; ineffective sends it back to its actions (the password is asked for either way).
 */
export function EffectivenessSection({ nc, editable }: { nc: Nonconformity; editable: boolean }) {
  const [comment, setComment] = useState('');
  const [verdict, setVerdict] = useState<boolean | null>(null);
  const record = useNcMutation(
    nc.id,
    (password: string) =>
      unwrap(
        api.POST('/api/nonconformities/{id}/effectiveness-check', {
          params: { path: { id: nc.id } },
          body: { effective: verdict === true, comment, password },
        }),
      ),
    () => {
      setVerdict(null);
      setComment('');
    },
  );
  const due = nc.effectivenessDueAt === null ? null : new Date(nc.effectivenessDueAt);
  const isDue = due !== null && due.getTime() <= Date.now();
  return (
    <section className="panel" aria-labelledby="nc-effectiveness">
      <h2 id="nc-effectiveness">Effectiveness</h2>
      {nc.status === 'verifying' && due !== null && (
        <p>
          {isDue ? 'Due since' : 'Due on'} {due.toLocaleDateString()}.
        </p>
      )}
      {nc.effectivenessChecks.length === 0 && nc.status !== 'verifying' && <p>Checked once every action is done.</p>}
      <ul className="plain">
        {nc.effectivenessChecks.map((c) => (
          <li key={c.id}>
            <span className="tag">{c.effective ? 'effective' : 'not effective'}</span> {c.comment}{' '}
            <span className="hint">
              ({nameOf(nc, c.checkedBy)}, {new Date(c.checkedAt).toLocaleString()})
            </span>
          </li>
        ))}
      </ul>
      {nc.signatures.map((s) => (
        <p key={s.id} className="signature-line">
          {s.manifestation} <span className="tag">{s.status}</span>
        </p>
      ))}
      {editable && nc.status === 'verifying' && isDue && (
        <form aria-label="Record the effectiveness check" onSubmit={(e) => e.preventDefault()}>
          <TextArea
            label="What the check found"
            name="comment"
            rows={3}
            required
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            error={record.error}
          />
          <div className="actions">
            <button type="button" disabled={comment.trim().length < 3} onClick={() => setVerdict(true)}>
              Effective: close and sign…
            </button>
            <button
              type="button"
              className="secondary"
              disabled={comment.trim().length < 3}
              onClick={() => setVerdict(false)}
            >
              Not effective: reopen…
            </button>
          </div>
        </form>
      )}
      {verdict !== null && (
        <SignatureDialog
          meaning={verdict ? 'approved (effective)' : 'not effective: back to corrective actions'}
          subject={`${nc.number}: ${comment}`}
          contentHash={null}
          onSign={(password) => record.mutate(password)}
          onClose={() => setVerdict(null)}
          error={record.error}
          pending={record.isPending}
        />
      )}
    </section>
  );
}
