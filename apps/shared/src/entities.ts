import { IDENTITY_ENTITIES } from '@ambidex/identity';
import { PLATFORM_ENTITIES } from '@ambidex/platform';

/** Every persisted class, for the data source and the migration check. */
export const ALL_ENTITIES = [...PLATFORM_ENTITIES, ...IDENTITY_ENTITIES];
