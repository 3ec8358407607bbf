import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { ApiProblem } from '../api/problem';
import { ROLE_LABELS, type Role } from '../app/session';
import { useDebounced } from './useDebounced';
import { comboKey, type ComboState } from './combobox-keys';
import { PEOPLE_SHOWN, usePeopleSearch, type DirectoryPerson, type Person } from './people';

interface PersonPickerProps {
  label: string;
  /** The API's field name, so a problem naming it shows here. */
  name: string;
  value: Person | null;
  onChange: (person: Person | null) => void;
  /** Only people holding this role (approvers are quality heads). */
  role?: Role;
  /** People not to offer (those already chosen). */
  exclude?: readonly string[];
  error?: unknown;
  hint?: string;
  required?: boolean;
  /** Empty the box after a pick: for adding people to a list. */
  clearOnPick?: boolean;
}

const CLOSED: ComboState = { open: false, active: -1 };

/**
 * Picks one person from the user directory: a combobox (ARIA 1.2) searching by name as you type. Arrow keys move
 * through the matches, Enter picks, Escape closes; a mouse or a finger picks by tapping.
 */
export function PersonPicker({
  label,
  name,
  value,
  onChange,
  role,
  exclude = [],
  error,
  hint,
  required,
  clearOnPick = false,
}: PersonPickerProps) {
  const id = useId();
  const [text, setText] = useState(value?.displayName ?? '');
  const [combo, setCombo] = useState<ComboState>(CLOSED);
  const query = useDebounced(text === value?.displayName ? '' : text, 250);
  const search = usePeopleSearch(query, role, combo.open);
  const people = (search.data ?? []).filter((p) => !exclude.includes(p.id));
  const problem = error instanceof ApiProblem ? error.reasonFor(name) : undefined;

  // A person set from outside (a default, a reload) shows by name; clearing happens by typing, which keeps the text.
  const shown = clearOnPick ? null : (value?.displayName ?? null);
  useEffect(() => {
    if (shown !== null) setText(shown);
  }, [shown]);

  const pick = (person: DirectoryPerson) => {
    onChange({ id: person.id, displayName: person.displayName });
    setText(clearOnPick ? '' : person.displayName);
    setCombo(CLOSED);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const action = comboKey(e.key, combo, people.length);
    if (!action.handled) return;
    e.preventDefault();
    const chosen = people[combo.active];
    if (action.pick && chosen !== undefined) pick(chosen);
    else setCombo(action.state);
  };
  const activeId = combo.open && combo.active >= 0 ? `${id}-option-${combo.active}` : undefined;
  const described = [
    hint === undefined ? null : `${id}-hint`,
    problem === undefined ? null : `${id}-problem`,
    `${id}-status`,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={problem === undefined ? 'field picker' : 'field picker invalid'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={combo.open}
        aria-controls={`${id}-list`}
        aria-activedescendant={activeId}
        aria-invalid={problem !== undefined}
        aria-describedby={described}
        aria-required={required}
        placeholder="Type a name"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setCombo({ open: true, active: -1 });
          if (value !== null && !clearOnPick) onChange(null);
        }}
        onFocus={() => setCombo({ open: true, active: -1 })}
        onBlur={() => setCombo(CLOSED)}
        onKeyDown={onKeyDown}
      />
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label={`${label}: matching people`}
        className="picker-list"
        hidden={!combo.open || people.length === 0}
      >
        {people.map((p, i) => (
          <li
            key={p.id}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={i === combo.active}
            className={i === combo.active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(p)}
          >
            {p.displayName} <small>{p.roles.map((r) => ROLE_LABELS[r]).join(', ')}</small>
          </li>
        ))}
      </ul>
      <small id={`${id}-status`} className="sr-only" aria-live="polite">
        {combo.open ? statusOf(search.isFetching, people.length, search.data?.length ?? 0) : ''}
      </small>
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

function statusOf(fetching: boolean, shown: number, found: number): string {
  if (fetching) return 'Searching…';
  if (shown === 0) return 'No one found';
  const more = found >= PEOPLE_SHOWN ? ': type more of the name to narrow it' : '';
  return `${shown} ${shown === 1 ? 'person' : 'people'} found${more}. Use the arrow keys and Enter to pick.`;
}
