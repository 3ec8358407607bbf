import type { components } from '../../api/schema';

export type ProcessModel = components['schemas']['ProcessModelDto'];
export type Definition = components['schemas']['ProcessModelDefinitionDto'];
export type GateDefinition = components['schemas']['GateDefinitionDto'];
export type Evaluation = components['schemas']['MustMeetEvaluationDto'];

export const GATES = ['G1', 'G2', 'G3'] as const;
export type GateName = (typeof GATES)[number];

export const MODEL_STATUS_LABELS: Record<ProcessModel['status'], string> = {
  draft: 'Draft: editable',
  active: 'Active: frozen, used for new initiatives',
  retired: 'Retired: frozen',
};
