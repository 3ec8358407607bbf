import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ASSUMPTION_STATUS_LABELS, logKey, RISK_LABELS, useAssumptions, type Assumption } from './queries';

const RISKS = Object.keys(RISK_LABELS) as Assumption['riskKind'][];

/** Untested and important first: the riskiest assumptions are the ones to test next. */
function priority(a: Assumption, b: Assumption): number {
  const untested = Number(b.status === 'untested') - Number(a.status === 'untested');
  return untested !== 0 ? untested : b.importance - a.importance;
}

/** The assumptions by kind of risk, most important first, with their state. */
export function AssumptionMap({ initiativeId, mayWrite }: { initiativeId: string; mayWrite: boolean }) {
  const assumptions = useAssumptions(initiativeId);
  return (
    <section className="panel" aria-labelledby="assumptions">
      <h2 id="assumptions">Assumptions</h2>
      <ProblemMessage error={assumptions.error} />
      <div className="risk-map">
        {RISKS.map((risk) => (
          <section key={risk} aria-labelledby={`risk-${risk}`}>
            <h3 id={`risk-${risk}`}>{RISK_LABELS[risk]}</h3>
            <ol className="plain">
              {(assumptions.data ?? [])
                .filter((a) => a.riskKind === risk)
                .sort(priority)
                .map((a) => (
                  <li key={a.id} className={`assumption status-${a.status}`}>
                    <span
                      className="importance"
                      title="Importance (1–5)"
                      aria-label={`importance ${a.importance} of 5`}
                    >
                      {a.importance}
                    </span>{' '}
                    {a.statement} <span className="tag">{ASSUMPTION_STATUS_LABELS[a.status]}</span>
                  </li>
                ))}
            </ol>
          </section>
        ))}
      </div>
      {mayWrite && <NewAssumption initiativeId={initiativeId} />}
    </section>
  );
}

function NewAssumption({ initiativeId }: { initiativeId: string }) {
  const client = useQueryClient();
  const [statement, setStatement] = useState('');
  const [riskKind, setRiskKind] = useState<Assumption['riskKind']>('desirability');
  const [importance, setImportance] = useState('3');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/initiatives/{id}/assumptions', {
          params: { path: { id: initiativeId } },
          body: { statement, riskKind, importance: Number(importance) },
        }),
      ),
    onSuccess: () => {
      setStatement('');
      void client.invalidateQueries({ queryKey: logKey(initiativeId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form className="row-form" onSubmit={submit} aria-label="New assumption">
      <TextField
        label="Assumption"
        name="statement"
        value={statement}
        onChange={(e) => setStatement(e.target.value)}
        error={add.error}
        required
      />
      <SelectField
        label="Risk"
        name="riskKind"
        value={riskKind}
        onChange={(e) => setRiskKind(e.target.value as Assumption['riskKind'])}
        options={RISKS.map((r) => ({ value: r, label: RISK_LABELS[r] }))}
        error={add.error}
      />
      <SelectField
        label="Importance"
        name="importance"
        value={importance}
        onChange={(e) => setImportance(e.target.value)}
        options={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v }))}
        error={add.error}
      />
      <button type="submit" disabled={add.isPending}>
        Add assumption
      </button>
      <ProblemMessage error={add.error} />
    </form>
  );
}
