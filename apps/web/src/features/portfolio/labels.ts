/** Words the console shows for the API's codes. */
export const STAGE_LABELS: Record<string, string> = {
  explore: 'Explore',
  experiment: 'Experiment',
  develop: 'Develop',
  handover: 'Handover',
  in_operation: 'In operation',
};
export const BOARD_STAGES = ['explore', 'experiment', 'develop', 'handover', 'in_operation'] as const;

export const STATUS_LABELS: Record<string, string> = {
  active: 'Active',
  on_hold: 'On hold',
  killed: 'Killed',
  handed_over: 'Handed over',
};
export const AMBITION_LABELS: Record<string, string> = {
  core: 'Core',
  adjacent: 'Adjacent',
  transformational: 'Transformational',
};
export const HORIZON_LABELS: Record<string, string> = { H1: 'H1', H2: 'H2', H3: 'H3' };

export const options = (labels: Record<string, string>, any = 'Any') => [
  { value: '', label: any },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
export const formatMoney = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : money.format(value);
