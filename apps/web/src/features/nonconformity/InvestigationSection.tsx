import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { SelectField, TextArea } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { CAUSE_CATEGORY_LABELS, linesOf, optionsOf } from './nonconformity-labels';
import { nameOf, type Nonconformity } from './queries';
import { useNcMutation } from './useNcMutation';
import type { components } from '../../api/schema';

type Category = components['schemas']['RootCauseDto']['causeCategory'];

/** Containment (done at once) and root cause (the whys in order, a 6M category): quality heads record both. */
export function InvestigationSection({ nc, editable }: { nc: Nonconformity; editable: boolean }) {
  const open = editable && (nc.status === 'open' || nc.status === 'actions');
  return (
    <>
      <section className="panel" aria-labelledby="nc-containment">
        <h2 id="nc-containment">Containment</h2>
        {nc.containment === null ? (
          <p>Not recorded yet.</p>
        ) : (
          <>
            <p>{nc.containment}</p>
            <p className="hint">
              Recorded by {nameOf(nc, nc.containedBy)}
              {nc.containedAt === null ? '' : `, ${new Date(nc.containedAt).toLocaleString()}`}
            </p>
          </>
        )}
        {open && <ContainmentForm nc={nc} />}
      </section>
      <section className="panel" aria-labelledby="nc-root-cause">
        <h2 id="nc-root-cause">Root cause</h2>
        {nc.whys === null ? (
          <p>Not analysed yet.</p>
        ) : (
          <>
            <ol aria-label="Five whys">
              {nc.whys.map((why, i) => (
                <li key={i}>{why}</li>
              ))}
            </ol>
            <p>Cause category: {CAUSE_CATEGORY_LABELS[nc.causeCategory ?? ''] ?? '—'}</p>
          </>
        )}
        {open && <RootCauseForm nc={nc} />}
      </section>
    </>
  );
}

function ContainmentForm({ nc }: { nc: Nonconformity }) {
  const [containment, setContainment] = useState(nc.containment ?? '');
  const save = useNcMutation(nc.id, () =>
    unwrap(
      api.POST('/api/nonconformities/{id}/containment', { params: { path: { id: nc.id } }, body: { containment } }),
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={submit} aria-label="Record the containment">
      <TextArea
        label="What was done at once"
        name="containment"
        rows={3}
        required
        value={containment}
        onChange={(e) => setContainment(e.target.value)}
        error={save.error}
      />
      <ProblemMessage error={save.error} />
      <button type="submit" disabled={save.isPending}>
        Record the containment
      </button>
    </form>
  );
}

function RootCauseForm({ nc }: { nc: Nonconformity }) {
  const [whys, setWhys] = useState((nc.whys ?? []).join('\n'));
  const [category, setCategory] = useState<string>(nc.causeCategory ?? 'method');
  const save = useNcMutation(nc.id, () =>
    unwrap(
      api.POST('/api/nonconformities/{id}/root-cause', {
        params: { path: { id: nc.id } },
        body: { whys: linesOf(whys), causeCategory: category as Category },
      }),
    ),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={submit} aria-label="Record the root cause">
      <TextArea
        label="Why? Why? … (one why a line, in order, up to five)"
        name="whys"
        rows={5}
        required
        value={whys}
        onChange={(e) => setWhys(e.target.value)}
        error={save.error}
      />
      <SelectField
        label="Cause category"
        name="causeCategory"
        value={category}
        options={optionsOf(CAUSE_CATEGORY_LABELS)}
        onChange={(e) => setCategory(e.target.value)}
        error={save.error}
      />
      <ProblemMessage error={save.error} />
      <button type="submit" disabled={save.isPending}>
        Record the root cause
      </button>
    </form>
  );
}
