// The portfolio's domain entry point (@ambidex/portfolio/domain): pure rules other contexts' domains may build on,
// without loading the services, entities and frameworks the full barrel brings.
export * from './stage-machine';
export * from './process-model';
export * from './process-model-input';
export * from './portfolio.errors';
export * from './ecv';
export * from './listing-cursor';
export * from './portfolio-targets';
export * from './initiative-ownership';
