/** Who reads value streams and the improvement register (the API refuses everyone else). */
export const LEAN_READERS = ['quality_head', 'innovation_lead', 'leadership', 'auditor'] as const;
