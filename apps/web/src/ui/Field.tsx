import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiProblem } from '../api/problem';

interface Labelled {
  label: string;
  /** The API's field name, so a problem+json naming it shows next to this input. */
  name: string;
  error?: unknown;
  hint?: ReactNode;
}

function reason(error: unknown, name: string): string | undefined {
  return error instanceof ApiProblem ? error.reasonFor(name) : undefined;
}

function Frame({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  problem?: string;
  children: ReactNode;
}) {
  return (
    <div className={problem === undefined ? 'field' : 'field invalid'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {problem !== undefined && (
        <small id={`${id}-problem`} className="field-problem" role="alert">
          {problem}
        </small>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, problem: string | undefined): string | undefined {
  const ids = [hint !== undefined ? `${id}-hint` : null, problem !== undefined ? `${id}-problem` : null].filter(
    Boolean,
  );
  return ids.length === 0 ? undefined : ids.join(' ');
}

export function TextField({ label, name, error, hint, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const problem = reason(error, name);
  return (
    <Frame id={id} label={label} hint={hint} problem={problem}>
      <input
        id={id}
        name={name}
        aria-invalid={problem !== undefined}
        aria-describedby={describedBy(id, hint, problem)}
        {...input}
      />
    </Frame>
  );
}

export function TextArea({
  label,
  name,
  error,
  hint,
  ...input
}: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const problem = reason(error, name);
  return (
    <Frame id={id} label={label} hint={hint} problem={problem}>
      <textarea
        id={id}
        name={name}
        aria-invalid={problem !== undefined}
        aria-describedby={describedBy(id, hint, problem)}
        {...input}
      />
    </Frame>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  ...input
}: Labelled & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  const id = useId();
  const problem = reason(error, name);
  return (
    <Frame id={id} label={label} hint={hint} problem={problem}>
      <select
        id={id}
        name={name}
        aria-invalid={problem !== undefined}
        aria-describedby={describedBy(id, hint, problem)}
        {...input}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}
