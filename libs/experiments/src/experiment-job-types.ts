/** Bulk experiment results and learnings: validated, stored and rolled up in chunks (the name is in Redis). */
export const INGEST_QUEUE = 'ingest';

declare module '@ambidex/platform' {
  interface JobTypes {
    'ingest-batch': { queue: 'ingest'; data: { batchId: string } };
  }
}

declare module '@ambidex/platform' {
  interface JobTypes {
    'sweep-ingest': { queue: 'maintenance'; data: Record<string, never> };
  }
}

/** A batch's one ingest job: its id is the batch's, so recording, relaying or sweeping it twice adds one job. */
export function ingestJob(batchId: string): {
  job: { queue: typeof INGEST_QUEUE; name: 'ingest-batch'; data: { batchId: string } };
  jobId: string;
} {
  return { job: { queue: INGEST_QUEUE, name: 'ingest-batch', data: { batchId } }, jobId: `ingest-${batchId}` };
}
