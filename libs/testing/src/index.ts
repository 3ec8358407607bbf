export * from './test-config';
export * from './queue-helpers';
