/** The effectiveness checks of nonconformities, delayed until due. */
export const NONCONFORMITY_QUEUE = 'nonconformity';

declare module '@ambidex/platform' {
  interface JobTypes {
    'nc-effectiveness-due': { queue: 'nonconformity'; data: { nonconformityId: string; round: number } };
    'sweep-nonconformities': { queue: 'maintenance'; data: Record<string, never> };
  }
}
