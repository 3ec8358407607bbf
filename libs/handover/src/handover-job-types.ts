/** Handover packages (assembly after a G3 Go); qms adds its scheduled effectivity (the name is in Redis). */
export const HANDOVER_QUEUE = 'handover';

declare module '@ambidex/platform' {
  interface JobTypes {
    'assemble-package': { queue: 'handover'; data: { initiativeId: string; reviewId: string } };
    'sweep-handover': { queue: 'maintenance'; data: Record<string, never> };
  }
}
