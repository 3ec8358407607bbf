import type { components } from '../../api/schema';
import { decisionLabel } from '../../app/labels';
import { STAGE_LABELS, STATUS_LABELS } from '../portfolio/labels';

type StageEvent = components['schemas']['StageEventDto'];

const label = (labels: Record<string, string>, key: string): string => labels[key] ?? key.replace(/_/g, ' ');

/** One line of the stage history: "G1 Conditional Go → Experiment (Active)". */
export function stageEventTitle(e: StageEvent): string {
  const to = `${label(STAGE_LABELS, e.toStage)} (${label(STATUS_LABELS, e.toStatus)})`;
  if (e.decision !== null) return `${e.gate ?? ''} ${decisionLabel(e.decision)} → ${to}`.trim();
  if (e.fromStage === null) return `Created in ${label(STAGE_LABELS, e.toStage)}`;
  const kind = e.kind.replace(/_/g, ' ');
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} → ${to}`;
}

/** Who acted, by the name people know: the display name, else the audit's label (a removed user), else the system. */
export function stageEventActor(e: StageEvent): string {
  if (e.actorId === null) return 'the system';
  return e.actorName ?? e.actorLabel;
}
