export * from './domain/experiment-result';
export * from './domain/learning';
export * from './domain/ingest-entry';
