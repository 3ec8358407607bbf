export * from './domain/market-rules';
export * from './domain/market-period';
export * from './domain/market-figures';
export * from './domain/value-entry';
export * from './domain/market.errors';
export { MARKET_ENTITIES } from './market.entities';
export * from './market-config';
