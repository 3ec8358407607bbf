/**
 * What a handover package is assembled from, and the pure rules that turn an initiative's evidence into
 * requirements, risks and a transfer-readiness checklist.
 */
export interface AssumptionFact {
  id: string;
  statement: string;
  riskKind: string;
  importance: number;
  status: 'untested' | 'validated' | 'invalidated' | 'inconclusive';
}

export interface LearningFact {
  id: string;
  experimentId: string | null;
  observed: string;
  belief: string;
  decision: string;
  confidence: string;
}

export interface ExperimentFact {
  id: string;
  assumptionIds: string[];
  metric: string;
  comparison: string;
  threshold: number;
  result: string | null;
  value: number | null;
}

export interface DerivedRequirement {
  key: string;
  text: string;
  assumptionId: string;
  evidence: { experimentIds: string[]; learningIds: string[] };
}

export interface DerivedRisk {
  key: string;
  text: string;
  assumptionId: string;
  status: AssumptionFact['status'];
  control: string | null;
}

/** Each validated assumption becomes a requirement, linked to the experiments and learnings behind it. */
export function deriveRequirements(
  assumptions: AssumptionFact[],
  experiments: ExperimentFact[],
  learnings: LearningFact[],
): DerivedRequirement[] {
  return assumptions
    .filter((a) => a.status === 'validated')
    .sort((x, y) => y.importance - x.importance || x.id.localeCompare(y.id))
    .map((a, index) => {
      const experimentIds = experiments
        .filter((e) => e.assumptionIds.includes(a.id) && e.result === 'validated')
        .map((e) => e.id);
      const learningIds = learnings
        .filter((l) => l.experimentId !== null && experimentIds.includes(l.experimentId))
        .map((l) => l.id);
      const proof = experiments
        .filter((e) => experimentIds.includes(e.id))
        .map((e) => `${e.metric} ${e.value ?? '?'} (threshold ${e.comparison} ${e.threshold})`)
        .join('; ');
      return {
        key: `REQ-${String(index + 1).padStart(3, '0')}`,
        text: `${a.statement}${proof === '' ? '' : ` — shown by ${proof}`}`,
        assumptionId: a.id,
        evidence: { experimentIds, learningIds },
      };
    });
}

/** Open and invalidated assumptions are the risks the quality system inherits; invalidated ones first. */
export function deriveRisks(assumptions: AssumptionFact[]): DerivedRisk[] {
  const order = { invalidated: 0, inconclusive: 1, untested: 2, validated: 3 };
  return assumptions
    .filter((a) => a.status !== 'validated')
    .sort((x, y) => order[x.status] - order[y.status] || y.importance - x.importance || x.id.localeCompare(y.id))
    .map((a, index) => ({
      key: `RISK-${String(index + 1).padStart(3, '0')}`,
      text: `${a.statement} (${a.riskKind}, importance ${a.importance}, ${a.status})`,
      assumptionId: a.id,
      status: a.status,
      control: null,
    }));
}

export interface PackageKpi {
  name: string;
  unit: string;
  baseline: number | null;
}

/** The Lean KPIs every process record measures, before anyone has measured them. */
export const LEAN_KPIS: readonly PackageKpi[] = [
  { name: 'Process time', unit: 'min', baseline: null },
  { name: 'Lead time', unit: 'h', baseline: null },
  { name: '% complete and accurate', unit: '%', baseline: null },
];

/**
 * The process record's KPIs: the Lean ones, then each validated experiment's metric with its value as a first
 * baseline (it measured something real). A baseline still missing is taken from `baselines` (carried over by name).
 */
export function packageKpis(
  experiments: ExperimentFact[],
  baselines: ReadonlyMap<string, number> = new Map(),
): PackageKpi[] {
  const measured = experiments
    .filter((e) => e.result === 'validated' && e.value !== null)
    .map((e) => ({ name: e.metric, unit: '', baseline: e.value }));
  return [...LEAN_KPIS, ...measured].map((k) => ({ ...k, baseline: k.baseline ?? baselines.get(k.name) ?? null }));
}

export interface ChecklistItem {
  key: string;
  text: string;
  done: boolean;
  detail: string;
}

export interface ChecklistFacts {
  requirements: DerivedRequirement[];
  risks: DerivedRisk[];
  kpis: { name: string; baseline: number | null }[];
  documents: { type: string; ownerId: string | null }[];
  trainingRoles: string[];
}

/** Transfer readiness, checked from the data; the quality head can still accept with conditions while items are open. */
export function readinessChecklist(facts: ChecklistFacts): ChecklistItem[] {
  const unproven = facts.requirements.filter((r) => r.evidence.experimentIds.length === 0);
  const uncontrolled = facts.risks.filter((r) => r.control === null || r.control.trim() === '');
  const noBaseline = facts.kpis.filter((k) => k.baseline === null);
  const unowned = facts.documents.filter((d) => d.ownerId === null);
  return [
    item(
      'requirements_present',
      'The package states requirements derived from validated assumptions',
      facts.requirements.length > 0,
      `${facts.requirements.length} requirement(s)`,
    ),
    item(
      'requirements_evidenced',
      'Every requirement is linked to the experiment that validated it',
      unproven.length === 0,
      unproven.length === 0 ? 'all evidenced' : `without evidence: ${unproven.map((r) => r.key).join(', ')}`,
    ),
    item(
      'risks_controlled',
      'Every open or invalidated assumption has a control',
      uncontrolled.length === 0,
      uncontrolled.length === 0 ? 'all controlled' : `without control: ${uncontrolled.map((r) => r.key).join(', ')}`,
    ),
    item(
      'kpi_baselines',
      'Every KPI of the process has its baseline (process time, lead time, % complete and accurate)',
      facts.kpis.length > 0 && noBaseline.length === 0,
      noBaseline.length === 0
        ? `${facts.kpis.length} KPI(s)`
        : `no baseline: ${noBaseline.map((k) => k.name).join(', ')}`,
    ),
    item(
      'documents_owned',
      'Every draft document has an owner',
      facts.documents.length > 0 && unowned.length === 0,
      unowned.length === 0 ? `${facts.documents.length} document(s)` : `${unowned.length} without owner`,
    ),
    item(
      'training_audience',
      'The roles to be trained are named',
      facts.trainingRoles.length > 0,
      facts.trainingRoles.join(', ') || 'none named',
    ),
  ];
}

function item(key: string, text: string, done: boolean, detail: string): ChecklistItem {
  return { key, text, done, detail };
}
