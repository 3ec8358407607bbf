declare module '@ambidex/platform' {
  interface JobTypes {
    'sweep-internal-audits': { queue: 'maintenance'; data: Record<string, never> };
  }
}

export {};
