/**
 * The vocabulary of the read model. A *measure* is something counted per UTC day (a movement into or out of a
 * stage, a gate decision, a handover verdict); a *sample metric* is a duration (a stage passage, time-to-controlled).
 * Pure: no framework imports.
 */
export const FUNNEL_STAGES = ['explore', 'experiment', 'develop', 'handover', 'in_operation'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Stages an initiative can leave for another stage; in_operation has no cycle time. */
export const CYCLE_STAGES = ['explore', 'experiment', 'develop', 'handover'] as const;
export type CycleStage = (typeof CYCLE_STAGES)[number];

/** Stages whose initiatives count towards the portfolio balance: the innovation pipeline, not what is in operation. */
export const PIPELINE_STAGES = ['explore', 'experiment', 'develop', 'handover'] as const;

export const INSIGHT_GATES = ['G1', 'G2', 'G3'] as const;
export type InsightGate = (typeof INSIGHT_GATES)[number];

export const INSIGHT_DECISIONS = ['go', 'conditional_go', 'kill', 'hold', 'recycle'] as const;
export type InsightDecision = (typeof INSIGHT_DECISIONS)[number];

export const INSIGHT_AMBITIONS = ['core', 'adjacent', 'transformational'] as const;
export type InsightAmbition = (typeof INSIGHT_AMBITIONS)[number];

export const INSIGHT_HORIZONS = ['H1', 'H2', 'H3'] as const;
export type InsightHorizon = (typeof INSIGHT_HORIZONS)[number];

export const INSIGHT_STATUSES = ['active', 'on_hold', 'killed', 'handed_over'] as const;
export type InsightStatus = (typeof INSIGHT_STATUSES)[number];

export const inflowMeasure = (stage: string): string => `in.${stage}`;
export const outflowMeasure = (stage: string): string => `out.${stage}`;
export const decisionMeasure = (gate: string, decision: string): string => `${gate}.${decision}`;
export const HANDOVER_DECIDED = 'handover.decided';
export const HANDOVER_ACCEPTED = 'handover.accepted';

/** Handover verdicts the click-through selects by: decided (any verdict) or accepted (on conditions or not). */
export const HANDOVER_VERDICTS = ['decided', 'accepted'] as const;
export type HandoverVerdict = (typeof HANDOVER_VERDICTS)[number];
export const handoverVerdictMeasure = (verdict: HandoverVerdict): string =>
  verdict === 'decided' ? HANDOVER_DECIDED : HANDOVER_ACCEPTED;

/** Every measure the cube can hold, in a fixed order. */
export const ALL_MEASURES: readonly string[] = [
  ...FUNNEL_STAGES.map(inflowMeasure),
  ...FUNNEL_STAGES.map(outflowMeasure),
  ...INSIGHT_GATES.flatMap((gate) => INSIGHT_DECISIONS.map((decision) => decisionMeasure(gate, decision))),
  HANDOVER_DECIDED,
  HANDOVER_ACCEPTED,
];

/** Initiatives created, and those of them raised by operations: cube measures by creation day (operations figures). */
export const CREATED = 'created';
export const CREATED_FROM_OPERATIONS = 'created.operations';

/** Every measure the cube holds: the overview's series and the creations. */
export const CUBE_MEASURES: readonly string[] = [...ALL_MEASURES, CREATED, CREATED_FROM_OPERATIONS];

/** Time-to-controlled: the sample metric next to the stage passages. */
export const TIME_TO_CONTROLLED = 'ttc';
export const SAMPLE_METRICS: readonly string[] = [...CYCLE_STAGES, TIME_TO_CONTROLLED];

/**
 * The ambition and horizon of the monthly histograms summed over every cell: an overview without those filters reads
 * one histogram per metric instead of nine.
 */
export const EVERY_CELL = '*';

/** Seconds from creation to the first gate decision of an initiative raised by operations, by its creation day. */
export const OPERATIONS_FIRST_DECISION = 'ops.decided';

/**
 * The histogram of duration samples: logarithmic buckets, 14 a factor of e (each about 7.4 % wide), from 0 s to about
 * three years in 256 buckets, the last open. Monotone in seconds, so the k-th sample lies in the bucket where the
 * running count reaches k.
 */
export const SAMPLE_BUCKETS = 256;
export const sampleBucketSql = (seconds: string): string =>
  `least(${SAMPLE_BUCKETS - 1}, floor(ln(1 + greatest(${seconds}, 0)) * 14))::smallint`;

/** Handover package statuses that count as decided, and as accepted. */
export const DECIDED_PACKAGE_STATUSES = ['accepted', 'accepted_with_conditions', 'rejected'] as const;
export const ACCEPTED_PACKAGE_STATUSES = ['accepted', 'accepted_with_conditions'] as const;

/** Gate review statuses that are still waiting for a decision. */
export const OPEN_REVIEW_STATUSES = ['scoring', 'awaiting_decision'] as const;

/** How many rows the overview lists. */
export const ECV_RANKING_SIZE = 20;
export const BUBBLES_SIZE = 200;
export const ZOMBIES_SIZE = 100;

/** The click-through list: default and largest page. */
export const INITIATIVES_DEFAULT_LIMIT = 100;
export const INITIATIVES_MAX_LIMIT = 1000;
