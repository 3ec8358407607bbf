import { useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useScrollToHash } from '../../ui/useScrollToHash';
import { useInitiative } from '../initiative/queries';
import { ValueStreamSection } from '../lean/ValueStreamSection';
import { formatDuration } from '../../ui/duration';
import { PackageContents } from './PackageContents';
import { PackageEditor } from './PackageEditor';
import { ASSEMBLY_WAIT_MS } from './package-polling';
import { usePackage, usePackagesOf, type Package } from './queries';
import { SubmitPackage } from './SubmitPackage';
import { VerdictForm } from './VerdictForm';

const STATUS_LABELS: Record<Package['status'], string> = {
  draft: 'Draft: the lead prepares it',
  submitted: 'Submitted: waiting for the quality head',
  accepted: 'Accepted',
  accepted_with_conditions: 'Accepted with conditions',
  rejected: 'Rejected',
};

/** The newest handover package of an initiative (its address is stable: /initiatives/:id/handover). */
export function LatestPackage() {
  const { id = '' } = useParams();
  const initiative = useInitiative(id);
  const inHandover = initiative.data?.stage === 'handover';
  const [since] = useState(() => Date.now());
  const packages = usePackagesOf(id, inHandover ? since : null);
  const overdue = useElapsed(since, ASSEMBLY_WAIT_MS);
  if (packages.isPending) return <p aria-busy="true">Loading…</p>;
  if (packages.isError) return <ProblemMessage error={packages.error} />;
  const latest = [...packages.data].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))[0];
  if (latest !== undefined) return <Navigate to={`/packages/${latest.id}`} replace />;
  if (!inHandover) return <p className="notice">No handover package yet: one is assembled after a G3 Go.</p>;
  // The G3 Go is taken and its package comes from a background job: the query asks again until it is there.
  return (
    <div className="notice" role="status">
      <p>The package is being assembled…</p>
      {overdue ? (
        <p>
          This takes longer than usual.{' '}
          <button
            type="button"
            className="secondary"
            onClick={() => void packages.refetch()}
            disabled={packages.isFetching}
          >
            Check again
          </button>
        </p>
      ) : (
        <p className="hint">This page opens it as soon as it is there.</p>
      )}
    </div>
  );
}

/** True once `ms` have passed since `since`. */
function useElapsed(since: number, ms: number): boolean {
  const [elapsed, setElapsed] = useState(() => Date.now() - since >= ms);
  useEffect(() => {
    if (elapsed) return;
    const timer = setTimeout(() => setElapsed(true), Math.max(0, since + ms - Date.now()));
    return () => clearTimeout(timer);
  }, [since, ms, elapsed]);
  return elapsed;
}

/** A handover package: prepared and submitted by the lead, accepted or rejected by a quality head, both signed. */
export function PackagePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const pkg = usePackage(id);
  const initiative = useInitiative(pkg.data?.initiativeId ?? '');
  useScrollToHash(pkg.isSuccess);
  if (pkg.isPending) return <p aria-busy="true">Loading…</p>;
  if (pkg.isError) return <ProblemMessage error={pkg.error} />;
  const p = pkg.data;
  const i = initiative.data;
  const isOwner = i !== undefined && (i.ownerId === me.userId || hasRole(me, ['admin']));
  return (
    <section>
      <header className="page-head">
        <h1>Handover package: {i?.title ?? '…'}</h1>
        <p className="facts-line">
          <span className="tag">{STATUS_LABELS[p.status]}</span>
          {p.decisionReason !== null && <> — “{p.decisionReason}”</>}
          {p.timeToControlledSeconds !== null && <> · controlled after {formatDuration(p.timeToControlledSeconds)}</>}
        </p>
        <nav className="subnav" aria-label="Package">
          <Link to={`/initiatives/${p.initiativeId}`}>The initiative</Link>
          <Link to={`/packages/${p.id}/trace`}>Trace and gaps</Link>
          <a href={`/api/handover-packages/${p.id}/dossier.pdf`}>Dossier (PDF)</a>
        </nav>
      </header>
      <section className="panel" aria-labelledby="signatures">
        <h2 id="signatures">Signatures</h2>
        {p.signatures.length === 0 && <p>None yet.</p>}
        <ul className="plain">
          {p.signatures.map((s) => (
            <li key={s.id}>
              {s.manifestation}{' '}
              <span className={s.status === 'valid' ? 'tag state-done' : 'tag missing'}>{s.status}</span>
            </li>
          ))}
        </ul>
      </section>
      <div className="two-columns">
        <div>
          <PackageContents pkg={p} />
          {p.processRecord !== null && (p.status === 'accepted' || p.status === 'accepted_with_conditions') && (
            <ValueStreamSection processRecordId={p.processRecord.id} />
          )}
        </div>
        <div>
          {p.status === 'draft' && isOwner && (
            <>
              <PackageEditor pkg={p} />
              <SubmitPackage pkg={p} title={i?.title ?? ''} />
            </>
          )}
          {p.status === 'submitted' && hasRole(me, ['quality_head']) && i !== undefined && (
            <VerdictForm pkg={p} initiative={i} />
          )}
          {p.actions.length > 0 && (
            <section className="panel" aria-labelledby="actions">
              <h2 id="actions">Conditions to meet</h2>
              <ul className="plain">
                {p.actions.map((a) => (
                  <li key={a.id}>
                    {a.text}{' '}
                    <span className="hint">
                      — {a.ownerName ?? a.ownerId}, due {new Date(a.dueAt).toLocaleDateString()}
                    </span>{' '}
                    {a.doneAt !== null ? (
                      <span className="tag state-done">done: {a.doneNote}</span>
                    ) : (
                      <span className="tag">open</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </section>
  );
}
