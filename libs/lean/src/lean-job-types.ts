/** The scheduled requests for value-stream measurements, one job per value stream and period. */
export const LEAN_QUEUE = 'lean';

declare module '@ambidex/platform' {
  interface JobTypes {
    'lean-measurement-due': { queue: 'lean'; data: { valueStreamId: string; period: number } };
    'lean-schedule-measurements': { queue: 'maintenance'; data: Record<string, never> };
    'sweep-lean': { queue: 'maintenance'; data: Record<string, never> };
  }
}
