export * from './domain/document-types';
export * from './domain/revision-lifecycle';
export * from './domain/electronic-signature';
export * from './domain/line-diff';
