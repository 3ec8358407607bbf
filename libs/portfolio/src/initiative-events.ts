/** Recorded in the outbox when an initiative is created; payload { initiativeId, portfolioId, ownerId, processModelId }. */
export const INITIATIVE_CREATED_EVENT = 'portfolio.initiative-created';
