import { AUTH_CONFIG, MAIL_CONFIG } from '@ambidex/identity';
import { INSIGHTS_CONFIG } from '@ambidex/insights';
import { LEAN_CONFIG } from '@ambidex/lean';
import { MARKET_CONFIG } from '@ambidex/market';
import { AppConfig, Env, loadConfig } from '@ambidex/platform';
import { DUPLICATES_CONFIG } from '@ambidex/portfolio';

/** Every context's config section (libs/<ctx>/src/<ctx>-config.ts): loadConfig does not typecheck without all of them. */
export const CONFIG_SECTIONS = [
  AUTH_CONFIG,
  MAIL_CONFIG,
  DUPLICATES_CONFIG,
  INSIGHTS_CONFIG,
  LEAN_CONFIG,
  MARKET_CONFIG,
] as const;

/** The app's configuration from the environment (process.env unless given): what every entry point starts with. */
export function loadAppConfig(env?: Env): AppConfig {
  return loadConfig(CONFIG_SECTIONS, env);
}
