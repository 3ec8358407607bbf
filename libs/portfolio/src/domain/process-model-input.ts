import {
  AssumptionsEvaluation,
  DefinitionProblem,
  GateDefinition,
  MustMeetEvaluation,
  ProcessModelDefinition,
  validateProcessModel,
} from './process-model';
import { GATES } from './stage-machine';

export type ParsedDefinition =
  { ok: true; definition: ProcessModelDefinition } | { ok: false; problems: DefinitionProblem[] };

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns untrusted JSON into a definition: checks the shape (objects and lists where they belong), keeps only the
 * known fields, then applies validateProcessModel's rules. Every problem names its JSON path under `prefix`.
 */
export function parseProcessModelDefinition(input: unknown, prefix = 'definition'): ParsedDefinition {
  const at = (path: string): string => (prefix === '' ? path : `${prefix}.${path}`);
  if (!isPlain(input) || !isPlain(input.gates))
    return { ok: false, problems: [{ field: at('gates'), reason: 'gates G1, G2 and G3 are required' }] };
  const problems: DefinitionProblem[] = [];
  const gates: Partial<Record<string, GateDefinition>> = {};
  for (const [gate, raw] of Object.entries(input.gates)) {
    if (!(GATES as readonly string[]).includes(gate)) {
      problems.push({ field: at(`gates.${gate}`), reason: 'only G1, G2 and G3 exist' });
      continue;
    }
    if (!isPlain(raw)) {
      problems.push({ field: at(`gates.${gate}`), reason: 'must be an object' });
      continue;
    }
    const list = (name: string): Plain[] => {
      const value = raw[name] ?? [];
      if (!Array.isArray(value)) {
        problems.push({ field: at(`gates.${gate}.${name}`), reason: 'must be a list' });
        return [];
      }
      return value.filter((item: unknown, index) => {
        if (isPlain(item)) return true;
        problems.push({ field: at(`gates.${gate}.${name}[${index}]`), reason: 'must be an object' });
        return false;
      }) as Plain[];
    };
    gates[gate] = {
      name: raw.name as string,
      deliverables: list('deliverables').map((d) => ({ key: d.key as string, name: d.name as string })),
      mustMeet: list('mustMeet').map((m) => ({
        key: m.key as string,
        text: m.text as string,
        evaluation: evaluationOf(m.evaluation),
      })),
      shouldMeet: list('shouldMeet').map((s) => ({
        key: s.key as string,
        text: s.text as string,
        weight: s.weight as number,
      })),
      passMark: raw.passMark as number,
      gatekeepersRequired: raw.gatekeepersRequired as number,
      reviewDays: raw.reviewDays as number,
    };
  }
  const definition = { gates } as ProcessModelDefinition;
  // Semantic rules (names, ranges, keys, missing gates) come from the one validator; shape problems first.
  const semantic = problems.length > 0 ? [] : validateProcessModel(definition);
  const all = [...problems, ...semantic.map((p) => ({ field: at(p.field), reason: p.reason }))];
  return all.length > 0 ? { ok: false, problems: all } : { ok: true, definition };
}

/** Keeps only the fields each evaluation kind has; validateProcessModel judges their values. */
function evaluationOf(raw: unknown): MustMeetEvaluation {
  const value = isPlain(raw) ? raw : {};
  if (value.kind === 'assumptions_validated') {
    return {
      kind: 'assumptions_validated',
      riskKind: (value.riskKind ?? null) as AssumptionsEvaluation['riskKind'],
      scope: value.scope as AssumptionsEvaluation['scope'],
    };
  }
  return { kind: value.kind as 'gatekeeper' };
}

/** The deliverables every initiative on this model starts with, one row per gate and key, in the model's order. */
export function deliverablesOf(
  definition: ProcessModelDefinition,
): { gate: (typeof GATES)[number]; key: string; name: string; position: number }[] {
  return GATES.flatMap((gate) =>
    definition.gates[gate].deliverables.map((d, position) => ({ gate, key: d.key, name: d.name, position })),
  );
}
