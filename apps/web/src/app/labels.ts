import type { components } from '../api/schema';

type Role = components['schemas']['MeDto']['roles'][number];
type Decision = NonNullable<components['schemas']['GateReviewDto']['decision']>;

/** What people call each role; the API's keys (quality_head) are never shown. */
export const ROLE_LABELS: Record<Role, string> = {
  innovation_lead: 'Innovation lead',
  gatekeeper: 'Gatekeeper',
  quality_head: 'Quality head',
  auditor: 'Auditor',
  leadership: 'Leadership',
  admin: 'Admin',
};

export const DECISION_LABELS: Record<Decision, string> = {
  go: 'Go',
  conditional_go: 'Conditional Go',
  kill: 'Kill',
  hold: 'Hold',
  recycle: 'Recycle',
};

/** A label for a key the API may one day widen: a key not known here reads as words, not as snake_case. */
const labelIn = (labels: Record<string, string>, key: string): string => labels[key] ?? key.replace(/_/g, ' ');

export const roleLabel = (key: string): string => labelIn(ROLE_LABELS, key);
export const decisionLabel = (key: string): string => labelIn(DECISION_LABELS, key);

/** "quality_head, gatekeeper" as people read it: "Quality head, Gatekeeper". */
export const roleListLabel = (keys: string): string =>
  keys
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map(roleLabel)
    .join(', ');

/** A transfer-readiness item's detail; the training audience is written with role keys by the API. */
export function checklistDetail(item: { key: string; done: boolean; detail: string }): string {
  return item.key === 'training_audience' && item.done ? roleListLabel(item.detail) : item.detail;
}
