export * from './domain-error';
export { refusedValueDetail } from './refused-value';
