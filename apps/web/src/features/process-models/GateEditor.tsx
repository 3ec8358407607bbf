import { TextField } from '../../ui/Field';
import { DeliverablesEditor, MustMeetEditor, ShouldMeetEditor } from './CriteriaEditors';
import { fieldOf, type GateDraft } from './definition-draft';
import type { GateName } from './model';

/** One gate of a draft: its name, pass mark, panel size and deadline, and its three lists. */
export function GateEditor({
  gate,
  draft,
  onChange,
  error,
}: {
  gate: GateName;
  draft: GateDraft;
  onChange: (draft: GateDraft) => void;
  error: unknown;
}) {
  return (
    <section className="panel" aria-labelledby={`edit-${gate}`}>
      <h2 id={`edit-${gate}`}>{gate}</h2>
      <div className="row-form">
        <TextField
          label={`${gate} name`}
          name={fieldOf(gate, 'name')}
          required
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
          error={error}
        />
        <TextField
          label={`${gate} pass mark (0–10)`}
          name={fieldOf(gate, 'passMark')}
          type="number"
          inputMode="decimal"
          min={0}
          max={10}
          step="any"
          value={draft.passMark}
          onChange={(e) => onChange({ ...draft, passMark: e.target.value })}
          error={error}
        />
        <TextField
          label={`${gate} gatekeepers required`}
          name={fieldOf(gate, 'gatekeepersRequired')}
          type="number"
          min={1}
          max={20}
          step={1}
          value={draft.gatekeepersRequired}
          onChange={(e) => onChange({ ...draft, gatekeepersRequired: e.target.value })}
          error={error}
        />
        <TextField
          label={`${gate} review days`}
          name={fieldOf(gate, 'reviewDays')}
          type="number"
          min={1}
          max={90}
          step={1}
          value={draft.reviewDays}
          onChange={(e) => onChange({ ...draft, reviewDays: e.target.value })}
          error={error}
        />
      </div>
      <DeliverablesEditor gate={gate} draft={draft} onChange={onChange} error={error} />
      <MustMeetEditor gate={gate} draft={draft} onChange={onChange} error={error} />
      <ShouldMeetEditor gate={gate} draft={draft} onChange={onChange} error={error} />
    </section>
  );
}
