import { TextField } from '../../ui/Field';
import { NEW_STEP, type Step } from './lean-figures';

/**
 * The steps of a value-stream map, in order: name, process and waiting time in minutes, %C&A. Field names follow the
 * API's (`steps[0].waitingTime`), so a problem the API names shows beside its input.
 */
export function StepsEditor({
  steps,
  onChange,
  error,
  label,
}: {
  steps: Step[];
  onChange: (steps: Step[]) => void;
  error: unknown;
  label: string;
}) {
  const edit = (i: number, change: Partial<Step>) => onChange(steps.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const number = (value: string) => (value === '' ? Number.NaN : Number(value));
  return (
    <>
      {steps.map((s, i) => (
        <fieldset key={i} className="step">
          <legend>
            {label} step {i + 1}
          </legend>
          <TextField
            label={`Step ${i + 1} name`}
            name={`steps[${i}].name`}
            required
            value={s.name}
            onChange={(e) => edit(i, { name: e.target.value })}
            error={error}
          />
          <TextField
            label={`Step ${i + 1} process time (minutes)`}
            name={`steps[${i}].processTime`}
            type="number"
            min={0}
            step="any"
            required
            value={Number.isNaN(s.processTime) ? '' : s.processTime}
            onChange={(e) => edit(i, { processTime: number(e.target.value) })}
            error={error}
          />
          <TextField
            label={`Step ${i + 1} waiting time (minutes)`}
            name={`steps[${i}].waitingTime`}
            type="number"
            min={0}
            step="any"
            required
            value={Number.isNaN(s.waitingTime) ? '' : s.waitingTime}
            onChange={(e) => edit(i, { waitingTime: number(e.target.value) })}
            error={error}
          />
          <TextField
            label={`Step ${i + 1} % complete and accurate`}
            name={`steps[${i}].percentCompleteAccurate`}
            type="number"
            min={0}
            max={100}
            step="any"
            required
            value={Number.isNaN(s.percentCompleteAccurate) ? '' : s.percentCompleteAccurate}
            onChange={(e) => edit(i, { percentCompleteAccurate: number(e.target.value) })}
            error={error}
          />
          {steps.length > 1 && (
            <button type="button" className="secondary" onClick={() => onChange(steps.filter((_, j) => j !== i))}>
              Remove step {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button type="button" className="secondary" onClick={() => onChange([...steps, NEW_STEP])}>
          Add a step
        </button>
      </p>
    </>
  );
}
