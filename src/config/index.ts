// Settings: parsed once at start-up from the environment and `.env` into a typed object.
// Nothing else in SkyTwin reads process.env.
export { loadConfig, parseConfig, isDemoMode, DEMO_ACCOUNT } from './config.js';
export type { Config, RateLimitSetting } from './config.js';
export { ConfigError, isConfigError } from './errors.js';
