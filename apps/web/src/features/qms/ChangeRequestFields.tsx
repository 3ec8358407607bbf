import { TextArea, TextField } from '../../ui/Field';

/** What every change request asks, wherever it is raised from (a document, a nonconformity, a review, a kaizen). */
export interface ChangeRequestDraft {
  reason: string;
  impact: string;
  proposedTitle: string;
  proposedBody: string;
}

export const EMPTY_CHANGE_REQUEST: ChangeRequestDraft = { reason: '', impact: '', proposedTitle: '', proposedBody: '' };

export function ChangeRequestFields({
  value,
  onChange,
  error,
  reasonLabel = 'Reason',
  rows = 8,
}: {
  value: ChangeRequestDraft;
  onChange: (next: ChangeRequestDraft) => void;
  /** The submit's error: a problem naming a field shows under it. */
  error: unknown;
  reasonLabel?: string;
  rows?: number;
}) {
  const field = (name: keyof ChangeRequestDraft) => ({
    name,
    required: true,
    value: value[name],
    error,
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [name]: e.target.value }),
  });
  return (
    <>
      <TextField label={reasonLabel} {...field('reason')} />
      <TextField label="Impact" {...field('impact')} />
      <TextField label="Proposed title" {...field('proposedTitle')} />
      <TextArea label="Proposed text" rows={rows} {...field('proposedBody')} />
    </>
  );
}
