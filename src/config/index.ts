// Public surface of the config module: load a config, print its errors, build its schema.
export { loadConfig, loadConfigWithWarnings, parseConfig, type LoadOptions, type LoadedConfig, type ParseOptions } from './load.js';
export { ConfigError, isConfigError, type ConfigIssueCode, type LocatedIssue } from './errors.js';
export { formatConfigError, formatIssue, type FormatOptions } from './format.js';
export { buildConfigSchema, CONFIG_SCHEMA_ID, DEFAULT_SERVER, DEFAULT_STORAGE, INSTRUCTIONS_SOFT_LIMIT } from './schema/config-schema.js';
export { TOOL_NAME_PATTERN } from './schema/tool-schema.js';
export { inputShorthandToSchema } from './normalize.js';
export { resolveCorpusSource, type ResolvedSource } from './corpus-sources.js';
export { interpolateString, type EnvMap } from './env-interpolation.js';
export type * from './types.js';
