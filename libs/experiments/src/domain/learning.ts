export const LEARNING_DECISIONS = ['persevere', 'pivot', 'kill'] as const;
export type LearningDecision = (typeof LEARNING_DECISIONS)[number];

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A link to what a learning rests on: a URL, or a file referenced by name and SHA-256 (the file stays where it is). */
export type EvidenceLink =
  { kind: 'url'; url: string; title?: string } | { kind: 'file'; name: string; sha256: string };

/** Learning velocity: assumptions resolved (validated or invalidated) per 30 days of the initiative's life. */
export function learningVelocity(resolvedAssumptions: number, daysActive: number): number {
  const periods = Math.max(daysActive, 1) / 30;
  return Math.round((resolvedAssumptions / periods) * 100) / 100;
}

/** Cost per learning: what the experiments cost, per learning card recorded; null before the first learning. */
export function costPerLearning(totalCost: number, learnings: number): number | null {
  return learnings === 0 ? null : Math.round((totalCost / learnings) * 100) / 100;
}
