import { ApiProblem } from '../../../api/problem';
import { TextField } from '../../../ui/Field';
import { sumOfDraft } from './shares';

/** Three percentage boxes that must sum to 100, with the running sum and the API's reason for the whole set. */
export function SharesFieldset<K extends string>({
  legend,
  name,
  buckets,
  labels,
  value,
  onChange,
  error,
}: {
  legend: string;
  /** ambitionTargets or horizonTargets: the API names a bucket as name.bucket and the sum as name. */
  name: string;
  buckets: readonly K[];
  labels: Record<string, string>;
  value: Record<K, string>;
  onChange: (value: Record<K, string>) => void;
  error: unknown;
}) {
  const sum = sumOfDraft(value);
  const problem = error instanceof ApiProblem ? error.fields.find((f) => f.field === name)?.reason : undefined;
  return (
    <fieldset className="shares">
      <legend>{legend}</legend>
      <div className="row-form">
        {buckets.map((b) => (
          <TextField
            key={b}
            label={`${labels[b] ?? b} (%)`}
            name={`${name}.${b}`}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            required
            value={value[b]}
            onChange={(e) => onChange({ ...value, [b]: e.target.value })}
            error={error}
          />
        ))}
      </div>
      <p className={sum === 100 ? 'hint' : 'missing'} aria-live="polite">
        Sum: {sum === null ? '—' : `${sum} %`}
        {sum !== null && sum !== 100 && ' (must be 100)'}
      </p>
      {problem !== undefined && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
