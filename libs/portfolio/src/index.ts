export * from './domain/stage-machine';
export * from './domain/process-model';
