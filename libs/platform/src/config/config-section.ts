import { AppConfig, ContextConfigKey } from './app-config';
import { EnvReader } from './env-reader';

/**
 * A context's part of AppConfig: the key it added to AppConfig (by module augmentation, in its `<ctx>-config.ts`)
 * and how to read it. The composition root (apps/shared/src/config-sections.ts) hands every section to loadConfig.
 */
export interface ConfigSection<K extends ContextConfigKey = ContextConfigKey> {
  key: K;
  read(read: EnvReader, base: { env: AppConfig['env'] }): AppConfig[K];
}

/** The context sections a list leaves out: loadConfig demands none, so forgetting one fails the typecheck. */
export type MissingConfigSections<S extends readonly ConfigSection[]> = Exclude<ContextConfigKey, S[number]['key']>;
