import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { initiativeKey, type Initiative } from './queries';

type Deliverable = components['schemas']['DeliverableDto'];
type Status = components['schemas']['UpdateDeliverableDto']['status'];

const STATUS_LABELS: Record<string, string> = { pending: 'Pending', done: 'Done', not_required: 'Not required' };

/** What each gate needs delivered, and its state; the owner marks each done or not required (with a reason). */
export function DeliverablesPanel({ initiative }: { initiative: Initiative }) {
  const me = useMe();
  const mayEdit = initiative.ownerId === me.userId || hasRole(me, ['admin']);
  const gates = [...new Set(initiative.deliverables.map((d) => d.gate))];
  return (
    <section className="panel" aria-labelledby="deliverables">
      <h2 id="deliverables">Deliverables</h2>
      {gates.map((gate) => (
        <div key={gate}>
          <h3>Before {gate}</h3>
          <ul className="plain">
            {initiative.deliverables
              .filter((d) => d.gate === gate)
              .map((d) => (
                <DeliverableRow
                  key={`${d.gate}-${d.key}`}
                  initiativeId={initiative.id}
                  deliverable={d}
                  mayEdit={mayEdit}
                />
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function DeliverableRow({
  initiativeId,
  deliverable: d,
  mayEdit,
}: {
  initiativeId: string;
  deliverable: Deliverable;
  mayEdit: boolean;
}) {
  const client = useQueryClient();
  const [note, setNote] = useState(d.note ?? '');
  const update = useMutation({
    mutationFn: (status: Status) =>
      unwrap(
        api.PUT('/api/initiatives/{id}/deliverables/{gate}/{key}', {
          params: { path: { id: initiativeId, gate: d.gate as never, key: d.key } },
          body: { status, ...(note.trim() === '' ? {} : { note: note.trim() }) },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: initiativeKey(initiativeId) }),
  });
  return (
    <li className="deliverable">
      <span>{d.name}</span> <span className={`tag state-${d.status}`}>{STATUS_LABELS[d.status] ?? d.status}</span>
      {d.note !== null && <span className="hint"> — {d.note}</span>}
      {mayEdit && d.status === 'pending' && (
        <div className="inline-form">
          <label>
            <span className="sr-only">Note for {d.name}</span>
            <input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="What was delivered, or why not required"
            />
          </label>
          <button
            type="button"
            onClick={() => update.mutate('done')}
            disabled={update.isPending}
            aria-label={`Mark ${d.name} done`}
          >
            Done
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => update.mutate('not_required')}
            disabled={update.isPending}
            aria-label={`Mark ${d.name} not required`}
          >
            Not required
          </button>
        </div>
      )}
      <ProblemMessage error={update.error} />
    </li>
  );
}
