import { PackageDraft } from '@ambidex/qms';
import { DerivedRequirement, DerivedRisk } from './domain/package-content';
import { draftDocument, DraftType, TemplateFacts } from './domain/document-templates';

export interface PackageFacts {
  productDefinition: Record<string, unknown>;
  requirements: { key: string; text: string; assumptionId: string | null }[];
  risks: { key: string; text: string; assumptionId: string; status: string; control: string | null }[];
  kpis: { name: string; baseline: number | null; unit: string }[];
}

/** What the document templates are filled from, read off the package (as assembled, then as prepared). */
export function templateFactsOf(p: PackageFacts): TemplateFacts {
  const pd = p.productDefinition;
  const owner = pd.owner as { name?: unknown } | undefined;
  return {
    title: String(pd.title),
    problem: String(pd.problem),
    valueHypothesis: String(pd.valueHypothesis),
    ownerName: String(owner?.name ?? ''),
    requirements: p.requirements.map((r): DerivedRequirement => ({
      key: r.key,
      text: r.text,
      assumptionId: r.assumptionId ?? '',
      evidence: { experimentIds: [], learningIds: [] },
    })),
    risks: p.risks.map((r): DerivedRisk => ({ ...r, status: r.status as DerivedRisk['status'] })),
    kpis: p.kpis.map((k) => ({ name: k.name, baseline: k.baseline, unit: k.unit })),
  };
}

/**
 * Until the package is submitted its drafts are rendered from it: a draft still reading exactly as the templates
 * rendered it from the package before this change is rendered again from the package after it. A draft the lead
 * edited by hand reads differently and is left alone.
 */
export function rerenderedDrafts(
  drafts: PackageDraft[],
  before: TemplateFacts,
  after: TemplateFacts,
): { type: string; title: string; body: string }[] {
  const changed: { type: string; title: string; body: string }[] = [];
  for (const draft of drafts) {
    const type = draft.type as DraftType;
    const old = draftDocument(type, before);
    if (draft.body !== old.body) continue;
    const next = draftDocument(type, after);
    if (next.body !== draft.body || (draft.title === old.title && next.title !== draft.title)) {
      changed.push({ type, title: draft.title === old.title ? next.title : draft.title, body: next.body });
    }
  }
  return changed;
}
