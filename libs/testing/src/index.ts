export * from './test-config';
export * from './queue-helpers';
export * from './factories';
export * from './lock-races';
export * from './builders/people';
export * from './builders/evidence';
export * from './builders/gate-reviews';
export * from './builders/documents';
