import type { components, paths } from '../../api/schema';
import { STAGE_LABELS } from '../portfolio/labels';
import { overviewQuery, type DashboardFilters } from './filters';
import { formatPeriod } from './format';

export type InitiativesQuery = NonNullable<
  paths['/api/insights/portfolios/{id}/initiatives']['get']['parameters']['query']
>;
export type InsightInitiative = components['schemas']['InsightInitiativeDto'];
type Stage = NonNullable<InitiativesQuery['stage']>;
type Gate = NonNullable<InitiativesQuery['gate']>;
type Decision = NonNullable<InitiativesQuery['decision']>;

/** What one chart element stands for: a title, who is listed, and the click-through queries whose union they are. */
export interface Selection {
  title: string;
  subtitle: string;
  queries: InitiativesQuery[];
  /** The dashboard's period narrows the list (movements in the period); current-state figures ignore it. */
  period: boolean;
}

export const DRILLDOWN_LIMIT = 200;

export const DECISION_LABELS: Record<Decision, string> = {
  go: 'Go',
  conditional_go: 'Conditional go',
  kill: 'Kill',
  hold: 'Hold',
  recycle: 'Recycle',
};

const stage = (s: string): string => STAGE_LABELS[s] ?? s;
/** "In Explore", but "In operation" rather than "In In operation". */
const inStage = (s: string): string => (stage(s).startsWith('In ') ? stage(s) : `In ${stage(s)}`);
const AMBITION_WORDS: Record<string, string> = {
  core: 'Core',
  adjacent: 'Adjacent',
  transformational: 'Transformational',
};

function decisionsText(decisions: readonly Decision[]): string {
  const names = decisions.map((d) => DECISION_LABELS[d].toLowerCase());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? '');
}

/** Each is the exact set behind its figure, as the API defines the figure (docs/metrics.md). */
export const select = {
  /** funnel.current: in the stage and not killed (on hold counts; handed over counts in in_operation). */
  inStage: (s: Stage): Selection => ({
    title: inStage(s),
    subtitle: `Initiatives ${inStage(s).replace(/^In /, 'in ')} now, on hold included, killed not.`,
    queries: (['active', 'on_hold', 'handed_over'] as const).map((status) => ({ stage: s, status })),
    period: false,
  }),
  /** funnel.inflow. */
  entered: (s: Stage): Selection => ({
    title: `Entered ${stage(s)}`,
    subtitle: `Moved into ${stage(s)} in the period.`,
    queries: [{ entered: s }],
    period: true,
  }),
  /** funnel.outflow. */
  left: (s: Stage): Selection => ({
    title: `Left ${stage(s)}`,
    subtitle: `Moved out of ${stage(s)} (onwards, back, or killed in it) in the period.`,
    queries: [{ left: s }],
    period: true,
  }),
  /** The cycle-time samples. */
  passed: (s: Stage): Selection => ({
    title: `Passed through ${stage(s)}`,
    subtitle: `Completed a passage through ${stage(s)} that ended in the period (the cycle-time samples).`,
    queries: [{ passed: s }],
    period: true,
  }),
  handoverDecided: (): Selection => ({
    title: 'Handovers decided',
    subtitle: 'Their handover package was accepted, accepted on conditions or rejected in the period.',
    queries: [{ handover: 'decided' }],
    period: true,
  }),
  decided: (gate: Gate, decisions: readonly Decision[]): Selection => {
    const text = decisionsText(decisions);
    return {
      title: `${text.charAt(0).toUpperCase()}${text.slice(1)} at ${gate}`,
      subtitle: `Received a ${text} decision at ${gate} in the period.`,
      queries: decisions.map((decision) => ({ gate, decision })),
      period: true,
    };
  },
  /** Balance: in the pipeline (explore to handover, not killed) with this ambition or horizon. */
  bucket: (dimension: 'ambition' | 'horizon', bucket: string): Selection => {
    const label = dimension === 'ambition' ? (AMBITION_WORDS[bucket] ?? bucket) : bucket;
    return {
      title: `${label} ${dimension}`,
      subtitle: `In the pipeline now (explore to handover, not killed) with ${dimension} ${label}.`,
      queries: (['active', 'on_hold'] as const).map((status) => ({ status, [dimension]: bucket }) as InitiativesQuery),
      period: false,
    };
  },
};

/** Each query of a selection with the dashboard's own filters added, as the click-through endpoint takes it. */
export function drilldownQueries(selection: Selection, filters: DashboardFilters): InitiativesQuery[] {
  const base = overviewQuery(filters);
  return selection.queries.map((q) => ({ ...base, ...q, limit: DRILLDOWN_LIMIT }));
}

/** The union of the lists, each initiative once, highest ECV first (no ECV last), then by title. */
export function mergeInitiatives(lists: readonly (readonly InsightInitiative[])[]): InsightInitiative[] {
  const seen = new Map<string, InsightInitiative>();
  for (const list of lists) for (const row of list) if (!seen.has(row.id)) seen.set(row.id, row);
  const ecv = (r: InsightInitiative): number => (r.ecv === null ? Number.NEGATIVE_INFINITY : r.ecv);
  return [...seen.values()].sort((a, b) => ecv(b) - ecv(a) || a.title.localeCompare(b.title));
}

/** The dashboard's filters that also narrow the list, in words. */
export function slicersText(filters: DashboardFilters, withPeriod: boolean): string {
  const parts: string[] = [];
  if (withPeriod && (filters.from !== '' || filters.to !== ''))
    parts.push(`period ${formatPeriod(filters.from, filters.to)}`);
  if (filters.ambition !== '') parts.push(`ambition ${filters.ambition}`);
  if (filters.horizon !== '') parts.push(`horizon ${filters.horizon}`);
  if (filters.ownerId !== '') parts.push(`owner ${filters.ownerId}`);
  return parts.length === 0 ? '' : `Dashboard filters: ${parts.join(', ')}.`;
}
