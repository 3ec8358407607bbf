export * from './domain/gate-decision';
