/** Bulk experiment results and learnings: validated, stored and rolled up in chunks (the name is in Redis). */
export const INGEST_QUEUE = 'ingest';

declare module '@ambidex/platform' {
  interface JobTypes {
    'ingest-batch': { queue: 'ingest'; data: { batchId: string } };
  }
}
