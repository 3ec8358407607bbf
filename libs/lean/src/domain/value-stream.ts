/**
 * A value-stream map (Lean): the process's steps in order, each with its process time (work on the item), its waiting
 * time before the next step, both in minutes, and its percent complete and accurate (%C&A: the share of what it hands
 * on that the next step can use without rework).
 */
export interface ValueStreamStep {
  name: string;
  processTime: number;
  waitingTime: number;
  percentCompleteAccurate: number;
}

/** What the map adds up to. Flow efficiency and rolled %C&A are fractions in [0, 1]. */
export interface ValueStreamFigures {
  leadTime: number;
  processTime: number;
  /** Process time over lead time; null when nothing takes any time (an empty ratio). */
  flowEfficiency: number | null;
  rolledPercentCompleteAccurate: number;
}

export const MAX_STEPS = 50;
/** A step of a month: larger figures in minutes are typing errors, not processes. */
export const MAX_STEP_MINUTES = 60 * 24 * 366;

export interface StepProblem {
  field: string;
  reason: string;
}

/** The problems of a map, each naming its field (`steps[2].waitingTime`); empty when it is valid. */
export function stepProblems(steps: readonly ValueStreamStep[]): StepProblem[] {
  if (steps.length === 0) return [{ field: 'steps', reason: 'a value stream has at least one step' }];
  if (steps.length > MAX_STEPS) return [{ field: 'steps', reason: `at most ${MAX_STEPS} steps` }];
  const problems: StepProblem[] = [];
  steps.forEach((step, i) => {
    if (step.name.trim() === '') problems.push({ field: `steps[${i}].name`, reason: 'each step is named' });
    for (const key of ['processTime', 'waitingTime'] as const) {
      const value = step[key];
      if (!Number.isFinite(value) || value < 0 || value > MAX_STEP_MINUTES)
        problems.push({ field: `steps[${i}].${key}`, reason: `minutes from 0 to ${MAX_STEP_MINUTES}` });
    }
    const ca = step.percentCompleteAccurate;
    if (!Number.isFinite(ca) || ca < 0 || ca > 100)
      problems.push({ field: `steps[${i}].percentCompleteAccurate`, reason: 'a percentage from 0 to 100' });
  });
  return problems;
}

/** Lead time Σ(process + waiting), process time Σ process, flow efficiency their ratio, rolled %C&A the product. */
export function valueStreamFigures(steps: readonly ValueStreamStep[]): ValueStreamFigures {
  const processTime = steps.reduce((sum, s) => sum + s.processTime, 0);
  const leadTime = steps.reduce((sum, s) => sum + s.processTime + s.waitingTime, 0);
  const rolled = steps.reduce((product, s) => product * (s.percentCompleteAccurate / 100), 1);
  return {
    leadTime,
    processTime,
    flowEfficiency: leadTime > 0 ? processTime / leadTime : null,
    rolledPercentCompleteAccurate: rolled,
  };
}

/** Before and after an improvement: negative lead-time delta and positive flow-efficiency delta are gains. */
export interface MeasuredEffect {
  before: { leadTime: number; flowEfficiency: number | null };
  after: { leadTime: number; flowEfficiency: number | null };
  leadTimeDelta: number;
  flowEfficiencyDelta: number | null;
}

export function measuredEffect(
  before: { leadTime: number; flowEfficiency: number | null },
  after: { leadTime: number; flowEfficiency: number | null },
): MeasuredEffect {
  return {
    before,
    after,
    leadTimeDelta: after.leadTime - before.leadTime,
    flowEfficiencyDelta:
      before.flowEfficiency === null || after.flowEfficiency === null
        ? null
        : after.flowEfficiency - before.flowEfficiency,
  };
}
