export * from './domain/package-content';
export * from './domain/document-templates';
