import { ApiProblem } from '../../api/problem';
import { SelectField, TextField } from '../../ui/Field';
import { fieldOf, keyFrom, weightShares, type GateDraft } from './definition-draft';
import { EVALUATION_LABELS, RISK_KIND_LABELS, SCOPE_LABELS } from './evaluation-labels';
import type { GateName } from './model';

const replaceAt = <T,>(list: readonly T[], i: number, item: T): T[] => list.map((x, j) => (j === i ? item : x));
const removeAt = <T,>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);
const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

interface Props {
  gate: GateName;
  draft: GateDraft;
  onChange: (draft: GateDraft) => void;
  error: unknown;
}

/** The API's reason for a whole list (e.g. "at least one should-meet criterion"), shown under that list. */
function ListProblem({ error, field }: { error: unknown; field: string }) {
  const reason = error instanceof ApiProblem ? error.fields.find((f) => f.field === field)?.reason : undefined;
  return reason === undefined ? null : (
    <p className="field-problem" role="alert">
      {reason}
    </p>
  );
}

export function DeliverablesEditor({ gate, draft, onChange, error }: Props) {
  const rows = draft.deliverables;
  const set = (next: GateDraft['deliverables']) => onChange({ ...draft, deliverables: next });
  return (
    <fieldset>
      <legend>{gate} deliverables</legend>
      {rows.map((d, i) => (
        <div key={i} className="row-form criterion-row">
          <TextField
            label={`Deliverable ${i + 1}: name`}
            name={fieldOf(gate, `deliverables[${i}].name`)}
            value={d.name}
            onChange={(e) => set(replaceAt(rows, i, { ...d, name: e.target.value }))}
            onBlur={() => d.key === '' && set(replaceAt(rows, i, { ...d, key: keyFrom(d.name) }))}
            error={error}
          />
          <TextField
            label={`Deliverable ${i + 1}: key`}
            name={fieldOf(gate, `deliverables[${i}].key`)}
            value={d.key}
            onChange={(e) => set(replaceAt(rows, i, { ...d, key: e.target.value }))}
            error={error}
          />
          <button type="button" className="secondary" onClick={() => set(removeAt(rows, i))}>
            Remove
            <span className="sr-only">
              {' '}
              {gate} deliverable {i + 1}
            </span>
          </button>
        </div>
      ))}
      <ListProblem error={error} field={fieldOf(gate, 'deliverables')} />
      <button type="button" className="secondary" onClick={() => set([...rows, { key: '', name: '' }])}>
        Add a deliverable<span className="sr-only"> to {gate}</span>
      </button>
    </fieldset>
  );
}

export function MustMeetEditor({ gate, draft, onChange, error }: Props) {
  const rows = draft.mustMeet;
  const set = (next: GateDraft['mustMeet']) => onChange({ ...draft, mustMeet: next });
  return (
    <fieldset>
      <legend>{gate} must-meet criteria (knock-outs)</legend>
      {rows.map((m, i) => (
        <div key={i} className="row-form criterion-row">
          <TextField
            label={`Must-meet ${i + 1}: text`}
            name={fieldOf(gate, `mustMeet[${i}].text`)}
            value={m.text}
            onChange={(e) => set(replaceAt(rows, i, { ...m, text: e.target.value }))}
            onBlur={() => m.key === '' && set(replaceAt(rows, i, { ...m, key: keyFrom(m.text) }))}
            error={error}
          />
          <TextField
            label={`Must-meet ${i + 1}: key`}
            name={fieldOf(gate, `mustMeet[${i}].key`)}
            value={m.key}
            onChange={(e) => set(replaceAt(rows, i, { ...m, key: e.target.value }))}
            error={error}
          />
          <SelectField
            label={`Must-meet ${i + 1}: decided by`}
            name={fieldOf(gate, `mustMeet[${i}].evaluation`)}
            value={m.kind}
            onChange={(e) => set(replaceAt(rows, i, { ...m, kind: e.target.value as typeof m.kind }))}
            options={choices(EVALUATION_LABELS)}
            error={error}
          />
          {m.kind === 'assumptions_validated' && (
            <>
              <SelectField
                label={`Must-meet ${i + 1}: which assumptions`}
                name={fieldOf(gate, `mustMeet[${i}].evaluation.scope`)}
                value={m.scope}
                onChange={(e) => set(replaceAt(rows, i, { ...m, scope: e.target.value as typeof m.scope }))}
                options={choices(SCOPE_LABELS)}
                error={error}
              />
              <SelectField
                label={`Must-meet ${i + 1}: of risk kind`}
                name={fieldOf(gate, `mustMeet[${i}].evaluation.riskKind`)}
                value={m.riskKind}
                onChange={(e) => set(replaceAt(rows, i, { ...m, riskKind: e.target.value as typeof m.riskKind }))}
                options={choices(RISK_KIND_LABELS)}
                error={error}
              />
            </>
          )}
          <button type="button" className="secondary" onClick={() => set(removeAt(rows, i))}>
            Remove
            <span className="sr-only">
              {' '}
              {gate} must-meet {i + 1}
            </span>
          </button>
        </div>
      ))}
      <ListProblem error={error} field={fieldOf(gate, 'mustMeet')} />
      <button
        type="button"
        className="secondary"
        onClick={() => set([...rows, { key: '', text: '', kind: 'gatekeeper', riskKind: '', scope: 'riskiest' }])}
      >
        Add a must-meet criterion<span className="sr-only"> to {gate}</span>
      </button>
    </fieldset>
  );
}

export function ShouldMeetEditor({ gate, draft, onChange, error }: Props) {
  const rows = draft.shouldMeet;
  const set = (next: GateDraft['shouldMeet']) => onChange({ ...draft, shouldMeet: next });
  const shares = weightShares(rows.map((s) => s.weight));
  return (
    <fieldset>
      <legend>{gate} should-meet criteria (scored 0–10, weighted)</legend>
      {rows.map((s, i) => (
        <div key={i} className="row-form criterion-row">
          <TextField
            label={`Should-meet ${i + 1}: text`}
            name={fieldOf(gate, `shouldMeet[${i}].text`)}
            value={s.text}
            onChange={(e) => set(replaceAt(rows, i, { ...s, text: e.target.value }))}
            onBlur={() => s.key === '' && set(replaceAt(rows, i, { ...s, key: keyFrom(s.text) }))}
            error={error}
          />
          <TextField
            label={`Should-meet ${i + 1}: key`}
            name={fieldOf(gate, `shouldMeet[${i}].key`)}
            value={s.key}
            onChange={(e) => set(replaceAt(rows, i, { ...s, key: e.target.value }))}
            error={error}
          />
          <TextField
            label={`Should-meet ${i + 1}: weight`}
            name={fieldOf(gate, `shouldMeet[${i}].weight`)}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            value={s.weight}
            onChange={(e) => set(replaceAt(rows, i, { ...s, weight: e.target.value }))}
            error={error}
            hint={shares[i] === null || shares[i] === undefined ? undefined : `${shares[i]} % of the score`}
          />
          <button type="button" className="secondary" onClick={() => set(removeAt(rows, i))}>
            Remove
            <span className="sr-only">
              {' '}
              {gate} should-meet {i + 1}
            </span>
          </button>
        </div>
      ))}
      <ListProblem error={error} field={fieldOf(gate, 'shouldMeet')} />
      <button type="button" className="secondary" onClick={() => set([...rows, { key: '', text: '', weight: '1' }])}>
        Add a should-meet criterion<span className="sr-only"> to {gate}</span>
      </button>
    </fieldset>
  );
}
