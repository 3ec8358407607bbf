export * from './test-config';
export * from './queue-helpers';
export * from './factories';
