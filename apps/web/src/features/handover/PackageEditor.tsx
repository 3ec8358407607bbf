import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ROLE_LABELS, type Role } from '../../app/session';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { kpisOf, packageKey, type Package } from './queries';

const joined = (values: string[]) => values.join(', ');
const split = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** What the lead fills in before submitting: a control per risk, KPI baselines, who must be trained, the process record. */
export function PackageEditor({ pkg }: { pkg: Package }) {
  const client = useQueryClient();
  const record = pkg.processRecord;
  const [controls, setControls] = useState(() =>
    pkg.risks.map((r) => ({ key: r.key, text: r.text, control: r.control ?? '' })),
  );
  const [baselines, setBaselines] = useState(() =>
    kpisOf(pkg).map((k) => ({ name: k.name, unit: k.unit, baseline: k.baseline === null ? '' : String(k.baseline) })),
  );
  const [roles, setRoles] = useState<Role[]>(() => pkg.trainingRoles.filter((r): r is Role => r in ROLE_LABELS));
  const [inputs, setInputs] = useState(joined(record?.inputs ?? []));
  const [outputs, setOutputs] = useState(joined(record?.outputs ?? []));
  const [resources, setResources] = useState(joined(record?.resources ?? []));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/handover-packages/{id}', {
          params: { path: { id: pkg.id } },
          body: {
            riskControls: controls
              .filter((c) => c.control.trim() !== '')
              .map((c) => ({ key: c.key, control: c.control.trim() })),
            kpiBaselines: baselines
              .filter((k) => k.baseline !== '')
              .map((k) => ({ name: k.name, baseline: Number(k.baseline) })),
            trainingRoles: roles,
            processRecord: { inputs: split(inputs), outputs: split(outputs), resources: split(resources) },
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: packageKey(pkg.id) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="prepare">
      <h2 id="prepare">Prepare the package</h2>
      <fieldset>
        <legend>Risk controls</legend>
        {controls.map((c, i) => (
          <TextField
            key={c.key}
            label={`Control for: ${c.text}`}
            name="riskControls"
            value={c.control}
            onChange={(e) => {
              const value = e.target.value;
              setControls((current) => current.map((x, j) => (j === i ? { ...x, control: value } : x)));
            }}
            error={save.error}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>KPI baselines</legend>
        {baselines.map((k, i) => (
          <TextField
            key={k.name}
            label={`Baseline of ${k.name}${k.unit === '' ? '' : ` (${k.unit})`}`}
            name="kpiBaselines"
            type="number"
            step="any"
            value={k.baseline}
            onChange={(e) => {
              const value = e.target.value;
              setBaselines((current) => current.map((x, j) => (j === i ? { ...x, baseline: value } : x)));
            }}
            error={save.error}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>Roles to train on the new documents</legend>
        {(Object.keys(ROLE_LABELS) as Role[]).map((role) => (
          <label key={role} className="check">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
            />{' '}
            {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Process record</legend>
        <TextField
          label="Inputs (comma separated)"
          name="processRecord.inputs"
          value={inputs}
          onChange={(e) => setInputs(e.target.value)}
          error={save.error}
        />
        <TextField
          label="Outputs (comma separated)"
          name="processRecord.outputs"
          value={outputs}
          onChange={(e) => setOutputs(e.target.value)}
          error={save.error}
        />
        <TextField
          label="Resources (comma separated)"
          name="processRecord.resources"
          value={resources}
          onChange={(e) => setResources(e.target.value)}
          error={save.error}
        />
      </fieldset>
      <ProblemMessage error={save.error} />
      <button type="submit" disabled={save.isPending}>
        Save the package
      </button>
      {save.isSuccess && <span role="status"> Saved.</span>}
    </form>
  );
}
