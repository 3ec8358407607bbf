/** Enum values for the OpenAPI document and request validation, from the portfolio context's own lists. */
export {
  AMBITIONS,
  DECISIONS,
  GATES,
  HORIZONS,
  INITIATIVE_SORTS,
  INNOVATION_TYPES,
  ORIGIN_TYPES,
  SORT_DIRECTIONS,
  STAGES,
  STATUSES,
} from '@ambidex/portfolio';

export const DELIVERABLE_STATUSES = ['pending', 'done', 'not_required'] as const;
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const PROCESS_MODEL_STATUSES = ['draft', 'active', 'retired'] as const;
export const STAGE_EVENT_KINDS = [
  'created',
  'decision',
  'hold_expired',
  'handover_accepted',
  'handover_rejected',
] as const;
