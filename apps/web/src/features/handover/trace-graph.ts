import type { components } from '../../api/schema';

type Trace = components['schemas']['TraceDto'];
type Chain = components['schemas']['TraceChainDto'];
type Package = components['schemas']['PackageDto'];
type PackageDocument = components['schemas']['DocumentDto'];

export const COLUMNS = ['assumption', 'experiment', 'learning', 'requirement', 'document', 'training'] as const;
export type Column = (typeof COLUMNS)[number];

export const COLUMN_LABELS: Record<Column, string> = {
  assumption: 'Assumption',
  experiment: 'Experiment',
  learning: 'Learning',
  requirement: 'Requirement',
  document: 'Document',
  training: 'Training',
};

/** The API's gap kinds, plus one the console reads from the package: a risk whose assumption was never tested. */
export type GapKind = Trace['gaps'][number]['kind'] | 'assumption_untested';

export const GAP_LABELS: Record<GapKind, string> = {
  requirement_without_evidence: 'Requirement without evidence',
  document_without_source: 'Document without a source',
  document_not_effective: 'Document not effective',
  training_not_done: 'Training not done',
  document_flagged: 'Document flagged for review',
  assumption_untested: 'Assumption never tested',
};

/** What a gap box says in the graph, short enough for one line of a box. */
export const GAP_BADGES: Record<GapKind, string> = {
  requirement_without_evidence: 'Gap: no evidence',
  document_without_source: 'Gap: no source',
  document_not_effective: 'Gap: not effective',
  training_not_done: 'Gap: training open',
  document_flagged: 'Gap: flagged',
  assumption_untested: 'Gap: never tested',
};

export interface TraceGap {
  kind: GapKind;
  subject: string;
  detail: string;
  /** The box the gap belongs to; null when the trace names a subject the graph does not draw. */
  nodeId: string | null;
}

export interface TraceNode {
  id: string;
  column: Column;
  /** First line: a number or key where there is one, else the kind of thing. */
  heading: string;
  text: string;
  status: string;
  /** The console page of the subject. */
  href: string;
  gaps: TraceGap[];
}

export interface TraceEdge {
  from: string;
  to: string;
  /** An untested assumption cited by a document as a risk, not evidence behind a requirement. */
  risk: boolean;
}

/** One line of the text alternative: a requirement's chain, or what hangs outside every chain. */
export interface TraceRow {
  requirement: TraceNode | null;
  assumption: TraceNode | null;
  experiments: TraceNode[];
  learnings: TraceNode[];
  documents: TraceNode[];
  training: TraceNode[];
  gaps: TraceGap[];
}

export interface TraceGraph {
  nodes: TraceNode[];
  edges: TraceEdge[];
  gaps: TraceGap[];
  rows: TraceRow[];
}

const DOCUMENT_STATES: Record<PackageDocument['status'], string> = {
  draft_in_package: 'draft in the package',
  controlled: 'controlled, not effective yet',
  obsolete: 'obsolete',
  withdrawn: 'withdrawn',
};

/**
 * The trace as boxes and arrows: per requirement, assumption → experiments → learnings → requirement → the documents
 * citing its assumption → their training. The package adds what the trace leaves out: document titles, training per
 * document, and the untested assumptions it carries as risks. Every gap is attached to the box it is about.
 */
export function buildTraceGraph(trace: Trace, pkg: Package): TraceGraph {
  const nodes = new Map<string, TraceNode>();
  const edges = new Map<string, TraceEdge>();
  const add = (node: TraceNode): TraceNode => {
    const known = nodes.get(node.id);
    if (known !== undefined) return known;
    nodes.set(node.id, node);
    return node;
  };
  const link = (from: TraceNode[], to: TraceNode[], risk = false) => {
    for (const f of from) for (const t of to) edges.set(`${f.id}>${t.id}`, { from: f.id, to: t.id, risk });
  };
  const log = `/initiatives/${pkg.initiativeId}/experiments`;
  const documentsById = new Map(pkg.documents.map((d) => [d.id, d]));
  const documentNode = (id: string, number: string | null): TraceNode => {
    const d = documentsById.get(id);
    const node = add(documentBox(id, number, d));
    const training = add(trainingBox(id, number, d));
    link([node], [training]);
    return node;
  };

  const rows: TraceRow[] = trace.chains.map((chain) => {
    const assumption = chain.assumption === null ? null : add(assumptionBox(chain.assumption, log));
    const experiments = chain.experiments.map((e) => add(experimentBox(e, log)));
    const learnings = chain.learnings.map((l) => add(learningBox(l, log)));
    const requirement = add(requirementBox(chain, pkg.id));
    const documents = chain.documents.map((d) => documentNode(d.id, d.number));
    const stages = [assumption === null ? [] : [assumption], experiments, learnings, [requirement], documents].filter(
      (s) => s.length > 0,
    );
    for (let i = 1; i < stages.length; i++) link(stages[i - 1] ?? [], stages[i] ?? []);
    return {
      requirement,
      assumption,
      experiments,
      learnings,
      documents,
      training: documents.map((d) => trainingOf(nodes, d)),
      gaps: [],
    };
  });

  const cites = (assumptionId: string) => pkg.documents.filter((d) => d.citedAssumptionIds.includes(assumptionId));
  const untested: TraceGap[] = [];
  for (const risk of pkg.risks.filter((r) => r.status === 'untested')) {
    const assumption = add({
      id: `assumption:${risk.assumptionId}`,
      column: 'assumption',
      heading: `Assumption (${risk.key})`,
      text: risk.text,
      status: 'untested, carried as a risk',
      href: `${log}#assumptions`,
      gaps: [],
    });
    const documents = cites(risk.assumptionId).map((d) => documentNode(d.id, d.number));
    link([assumption], documents, true);
    untested.push({
      kind: 'assumption_untested',
      subject: risk.key,
      detail: 'handed over as a risk that no experiment tested',
      nodeId: assumption.id,
    });
    rows.push({
      requirement: null,
      assumption,
      experiments: [],
      learnings: [],
      documents,
      training: documents.map((d) => trainingOf(nodes, d)),
      gaps: [],
    });
  }
  const orphans = pkg.documents.filter((d) => !nodes.has(`document:${d.id}`)).map((d) => documentNode(d.id, d.number));
  if (orphans.length > 0) {
    rows.push({
      requirement: null,
      assumption: null,
      experiments: [],
      learnings: [],
      documents: orphans,
      training: orphans.map((d) => trainingOf(nodes, d)),
      gaps: [],
    });
  }

  const gaps = [...trace.gaps.map((g) => ({ ...g, nodeId: gapNode(g, [...nodes.values()]) })), ...untested];
  for (const gap of gaps) if (gap.nodeId !== null) nodes.get(gap.nodeId)?.gaps.push(gap);
  for (const row of rows) {
    const ids = new Set(rowNodes(row).map((n) => n.id));
    row.gaps = gaps.filter((g) => g.nodeId !== null && ids.has(g.nodeId));
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], gaps, rows };
}

/** Every box of a row, in column order. */
export function rowNodes(row: TraceRow): TraceNode[] {
  return [
    row.assumption,
    ...row.experiments,
    ...row.learnings,
    row.requirement,
    ...row.documents,
    ...row.training,
  ].filter((n): n is TraceNode => n !== null);
}

/** What a screen reader says for a box: all of it, gaps included. */
export function describeNode(node: TraceNode): string {
  const kind = COLUMN_LABELS[node.column];
  const name = node.heading.startsWith(kind) ? node.heading : `${kind} ${node.heading}`;
  const gaps = node.gaps.map((g) => `Gap: ${GAP_LABELS[g.kind]}, ${g.detail}`);
  return [name, node.text, node.status, ...gaps].filter((s) => s !== '').join('. ');
}

/** The trace names a document by its number, or its title while it has none; training gaps belong to its training box. */
function gapNode(gap: Trace['gaps'][number], nodes: TraceNode[]): string | null {
  if (gap.kind === 'requirement_without_evidence')
    return nodes.find((n) => n.id === `requirement:${gap.subject}`)?.id ?? null;
  const document = nodes.find((n) => n.column === 'document' && (n.heading === gap.subject || n.text === gap.subject));
  if (document === undefined) return null;
  return gap.kind === 'training_not_done' ? `training:${document.id.slice('document:'.length)}` : document.id;
}

function trainingOf(nodes: Map<string, TraceNode>, document: TraceNode): TraceNode {
  const training = nodes.get(`training:${document.id.slice('document:'.length)}`);
  if (training === undefined) throw new Error(`no training box for ${document.id}`);
  return training;
}

function assumptionBox(a: NonNullable<Chain['assumption']>, log: string): TraceNode {
  return {
    id: `assumption:${a.id}`,
    column: 'assumption',
    heading: 'Assumption',
    text: a.statement,
    status: a.status,
    href: `${log}#assumptions`,
    gaps: [],
  };
}

function experimentBox(e: Chain['experiments'][number], log: string): TraceNode {
  return {
    id: `experiment:${e.id}`,
    column: 'experiment',
    heading: 'Experiment',
    text: `measures ${e.metric}`,
    status: `result: ${e.result ?? 'none yet'}`,
    href: `${log}#experiments`,
    gaps: [],
  };
}

function learningBox(l: Chain['learnings'][number], log: string): TraceNode {
  return {
    id: `learning:${l.id}`,
    column: 'learning',
    heading: 'Learning',
    text: l.belief,
    status: '',
    href: `${log}#learnings`,
    gaps: [],
  };
}

function requirementBox(chain: Chain, packageId: string): TraceNode {
  const evidence = `${chain.experiments.length} experiment(s), ${chain.learnings.length} learning(s)`;
  return {
    id: `requirement:${chain.requirement.key}`,
    column: 'requirement',
    heading: chain.requirement.key,
    text: chain.requirement.text,
    status: evidence,
    href: `/packages/${packageId}#requirements`,
    gaps: [],
  };
}

function documentBox(id: string, number: string | null, d: PackageDocument | undefined): TraceNode {
  const effective = d?.revisions.find((r) => r.state === 'effective');
  const status =
    effective !== undefined
      ? `effective, revision ${effective.revision}`
      : d === undefined
        ? 'not effective'
        : DOCUMENT_STATES[d.status];
  return {
    id: `document:${id}`,
    column: 'document',
    heading: number ?? d?.number ?? 'Unnumbered',
    text: d?.title ?? '',
    status,
    href: `/documents/${id}`,
    gaps: [],
  };
}

/** Training follows the effective revision; before there is one, nobody is asked to train. */
function trainingBox(id: string, number: string | null, d: PackageDocument | undefined): TraceNode {
  const effective = d?.revisions.find((r) => r.state === 'effective');
  const status =
    effective === undefined
      ? 'none until effective'
      : effective.training.assigned === 0
        ? 'nobody assigned'
        : `${effective.training.acknowledged} of ${effective.training.assigned} acknowledged`;
  return {
    id: `training:${id}`,
    column: 'training',
    heading: 'Training',
    text: `on ${number ?? d?.number ?? d?.title ?? 'the document'}`,
    status,
    href: `/documents/${id}#revisions`,
    gaps: [],
  };
}
