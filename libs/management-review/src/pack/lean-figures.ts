import { leanFiguresForPeriod } from '@ambidex/lean';
import { PackSectionBuilder, plain } from './pack-section-builder';

/** ISO 9001 9.3.2 c 3 and 10.3: how each controlled process flows, against its baseline, and what improvement did. */
export const leanFigures: PackSectionBuilder = async (em, period) => {
  const processes = await leanFiguresForPeriod(em, {
    from: new Date(`${period.fromDay}T00:00:00Z`),
    to: new Date(`${period.toDay}T00:00:00Z`),
  });
  return {
    key: 'lean-figures',
    title: 'Lean: lead time and flow efficiency per process, improvement events closed',
    clauses: ['ISO9001-9.3.2c3', 'ISO9001-9.3.2f'],
    source:
      'Each process’s value-stream baseline and the measurements taken in the period (lead and process time in ' +
      'minutes, flow efficiency = process time ÷ lead time), and the improvement events closed in the period with ' +
      'their effect measured against the baseline.',
    figures: plain({
      processes,
      improvementsClosed: processes.reduce((n, p) => n + p.improvementsClosed.length, 0),
    }),
  };
};
