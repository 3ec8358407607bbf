import { Navigate, useParams } from 'react-router';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';
import { LEAN_READERS } from './lean-roles';
import { useValueStream } from './queries';

/** An inbox item about a value stream opens its section on the process's handover package. */
export function ValueStreamRedirect() {
  return (
    <RequireRole roles={LEAN_READERS}>
      <ToPackage />
    </RequireRole>
  );
}

function ToPackage() {
  const { id = '' } = useParams();
  const stream = useValueStream(id);
  if (stream.isPending) return <p aria-busy="true">Loading…</p>;
  if (stream.isError) return <ProblemMessage error={stream.error} />;
  return <Navigate to={`/packages/${stream.data.packageId}#value-stream`} replace />;
}
