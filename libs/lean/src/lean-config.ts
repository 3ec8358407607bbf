import { ConfigSection } from '@ambidex/platform';

/** How often a process owner is asked to measure their value stream, and how often the job looks for who is due. */
export interface LeanConfig {
  measurementIntervalMs: number;
  measurementCheckEveryMs: number;
}

declare module '@ambidex/platform' {
  interface AppConfig {
    lean: LeanConfig;
  }
}

export const LEAN_CONFIG: ConfigSection<'lean'> = {
  key: 'lean',
  read: (read) => ({
    measurementIntervalMs: read.int('LEAN_MEASUREMENT_INTERVAL_MS', 30 * 86_400_000, 60_000, 366 * 86_400_000),
    measurementCheckEveryMs: read.int('LEAN_MEASUREMENT_CHECK_EVERY_MS', 3_600_000, 1_000, 86_400_000),
  }),
};
