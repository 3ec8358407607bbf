/** Newline-delimited JSON, accepted by the bulk ingestion route. */
export const NDJSON = 'application/x-ndjson';

/** Marks routes that take bulk bodies: their limit is INGEST_BODY_LIMIT_BYTES, not HTTP_BODY_LIMIT_BYTES. */
export const INGEST_ROUTE = { bodyLimit: 'ingest' } as const;
