import { DerivedRequirement, DerivedRisk } from './package-content';

export interface TemplateFacts {
  title: string;
  problem: string;
  valueHypothesis: string;
  ownerName: string;
  requirements: DerivedRequirement[];
  risks: DerivedRisk[];
  kpis: { name: string; baseline: number | null; unit: string }[];
}

export type DraftType = 'procedure' | 'work_instruction' | 'specification' | 'control_plan';

/** Draft controlled documents, filled from the initiative's data; the quality function edits them before approval. */
export function draftDocument(type: DraftType, f: TemplateFacts): { title: string; body: string } {
  const reqs = f.requirements.map((r) => `- ${r.key}: ${r.text}`).join('\n') || '- (none derived yet)';
  const risks =
    f.risks
      .map(
        (r) => `- ${r.key}: ${r.text}${r.control === null ? ' — control: TO BE DEFINED' : ` — control: ${r.control}`}`,
      )
      .join('\n') || '- (none)';
  const kpis = f.kpis.map((k) => `- ${k.name}: baseline ${k.baseline ?? 'TO BE MEASURED'} ${k.unit}`).join('\n');
  switch (type) {
    case 'procedure':
      return {
        title: `${f.title} — procedure`,
        body: `# Purpose\n${f.valueHypothesis}\n\n# Scope\nThe process that delivers “${f.title}”.\n\n# Responsibilities\nProcess owner: ${f.ownerName}\n\n# Procedure\n1. (steps to be written by the process owner)\n\n# Requirements\n${reqs}\n\n# Records\nRecords listed in the control plan.`,
      };
    case 'work_instruction':
      return {
        title: `${f.title} — work instruction`,
        body: `# Task\n(to be written)\n\n# Inputs and tools\n(to be written)\n\n# Steps\n1. (to be written)\n\n# Acceptance\n${reqs}`,
      };
    case 'specification':
      return {
        title: `${f.title} — specification`,
        body: `# Problem\n${f.problem}\n\n# Requirements\n${reqs}\n\n# Known risks\n${risks}`,
      };
    case 'control_plan':
      return {
        title: `${f.title} — control plan`,
        body: `# Characteristics and KPIs\n${kpis}\n\n# Risks and controls\n${risks}\n\n# Reaction plan\n(to be written)`,
      };
  }
}

export const DRAFT_TYPES: DraftType[] = ['procedure', 'work_instruction', 'specification', 'control_plan'];
