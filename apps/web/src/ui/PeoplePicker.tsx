import type { Role } from '../app/session';
import { PersonPicker } from './PersonPicker';
import type { Person } from './people';

/** Several people (approvers, a team): the chosen ones as a list with a remove button each, and a picker to add. */
export function PeoplePicker({
  label,
  name,
  value,
  onChange,
  role,
  error,
  hint,
  none = 'No one chosen yet.',
  exclude = [],
}: {
  label: string;
  name: string;
  value: readonly Person[];
  onChange: (people: Person[]) => void;
  role?: Role;
  error?: unknown;
  hint?: string;
  none?: string;
  /** People never to offer (the owner of what the list is for). */
  exclude?: readonly string[];
}) {
  return (
    <fieldset className="people">
      <legend>{label}</legend>
      {value.length === 0 ? (
        <p className="hint">{none}</p>
      ) : (
        <ul className="plain chosen">
          {value.map((p) => (
            <li key={p.id}>
              {p.displayName}{' '}
              <button type="button" className="secondary" onClick={() => onChange(value.filter((x) => x.id !== p.id))}>
                Remove<span className="sr-only"> {p.displayName}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <PersonPicker
        label={`Add to ${label.toLowerCase()}`}
        name={name}
        value={null}
        onChange={(person) => person !== null && onChange([...value, person])}
        role={role}
        exclude={[...exclude, ...value.map((p) => p.id)]}
        error={error}
        hint={hint}
        clearOnPick
      />
    </fieldset>
  );
}
