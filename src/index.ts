// Programmatic API: the same pieces the CLI composes, for embedding mcp-devmode in your own process.
export { loadConfig, loadConfigWithWarnings, parseConfig, ConfigError, isConfigError, formatConfigError } from './config/index.js';
export type { McpConfig, ToolConfigBase, ConfigIssue } from './config/types.js';
export { startServer } from './runtime/server.js';
export type { StartServerOptions, McpHttpServer, AuthLayer, AuthDecision } from './runtime/server.js';
export { createRuntime } from './runtime/runtime.js';
export type { Runtime, RuntimeOptions } from './runtime/runtime.js';
export { toolKinds, findToolKind } from './runtime/tools/registry.js';
export type { ToolKind, RuntimeTool, CallContext, BuildContext } from './runtime/tools/types.js';
export { runDoctor } from './doctor/index.js';
export type { DoctorOptions, DoctorReport, CheckResult } from './doctor/index.js';
