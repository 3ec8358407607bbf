import { ApiProblem } from '../../api/problem';
import type { EvaluationKind, RiskKind, Scope } from './evaluation-labels';
import type { Definition, GateDefinition, GateName } from './model';

/** One gate as the editor holds it: numbers as typed, so a box can be empty while it is edited. */
export interface GateDraft {
  name: string;
  passMark: string;
  gatekeepersRequired: string;
  reviewDays: string;
  deliverables: { key: string; name: string }[];
  mustMeet: { key: string; text: string; kind: EvaluationKind; riskKind: RiskKind | ''; scope: Scope }[];
  shouldMeet: { key: string; text: string; weight: string }[];
}
export type DefinitionDraft = Record<GateName, GateDraft>;

export function draftOf(definition: Definition): DefinitionDraft {
  const gate = (g: GateDefinition): GateDraft => ({
    name: g.name,
    passMark: String(g.passMark),
    gatekeepersRequired: String(g.gatekeepersRequired),
    reviewDays: String(g.reviewDays),
    deliverables: g.deliverables.map((d) => ({ ...d })),
    mustMeet: g.mustMeet.map((m) => ({
      key: m.key,
      text: m.text,
      kind: m.evaluation.kind,
      riskKind: m.evaluation.riskKind ?? '',
      scope: m.evaluation.scope ?? 'riskiest',
    })),
    shouldMeet: g.shouldMeet.map((s) => ({ key: s.key, text: s.text, weight: String(s.weight) })),
  });
  return { G1: gate(definition.gates.G1), G2: gate(definition.gates.G2), G3: gate(definition.gates.G3) };
}

/** An empty box becomes NaN, which JSON sends as null: the API then names that field and why. */
const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

export function definitionOf(draft: DefinitionDraft): Definition {
  const gate = (g: GateDraft): GateDefinition => ({
    name: g.name,
    passMark: num(g.passMark),
    gatekeepersRequired: num(g.gatekeepersRequired),
    reviewDays: num(g.reviewDays),
    deliverables: g.deliverables.map((d) => ({ key: d.key, name: d.name })),
    mustMeet: g.mustMeet.map((m) => ({
      key: m.key,
      text: m.text,
      evaluation:
        m.kind === 'assumptions_validated'
          ? { kind: m.kind, riskKind: m.riskKind === '' ? null : m.riskKind, scope: m.scope }
          : { kind: m.kind },
    })),
    shouldMeet: g.shouldMeet.map((s) => ({ key: s.key, text: s.text, weight: num(s.weight) })),
  });
  return { gates: { G1: gate(draft.G1), G2: gate(draft.G2), G3: gate(draft.G3) } };
}

/** A snake_case key from a name, as the API wants keys: "Market size (TAM)" → market_size_tam. */
export function keyFrom(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') return '';
  return (/^[a-z]/.test(base) ? base : `k_${base}`).slice(0, 63).replace(/_+$/, '');
}

/** Each weight's share of the gate's total, in percent to one decimal; null where a weight is not a positive number. */
export function weightShares(weights: readonly string[]): (number | null)[] {
  const values = weights.map((w) => (w.trim() === '' ? Number.NaN : Number(w)));
  const total = values.filter((v) => Number.isFinite(v) && v > 0).reduce((a, b) => a + b, 0);
  return values.map((v) => (Number.isFinite(v) && v > 0 && total > 0 ? Math.round((v / total) * 1000) / 10 : null));
}

const ROW_LABEL: Record<string, string> = { deliverables: 'name', mustMeet: 'text', shouldMeet: 'text' };

/**
 * The API names a row that lacks its text by the row itself (definition.gates.G1.deliverables[0]); the editor shows
 * that next to the row's name or text box, so the problem is renamed to that box.
 */
export function problemForEditor(error: unknown): unknown {
  if (!(error instanceof ApiProblem)) return error;
  const fields = error.fields.map((f) => {
    const row = /^definition\.gates\.G[123]\.(deliverables|mustMeet|shouldMeet)\[\d+\]$/.exec(f.field);
    return row === null ? f : { ...f, field: `${f.field}.${ROW_LABEL[row[1] ?? ''] ?? 'name'}` };
  });
  return new ApiProblem(error.status, error.code, error.title, error.detail, fields);
}

/** The field name the API uses for a part of a gate. */
export const fieldOf = (gate: GateName, path: string): string => `definition.gates.${gate}.${path}`;
