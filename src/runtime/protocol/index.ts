// The protocol core's public face: the default method table and the dispatcher built from it.
import { Dispatcher } from './dispatcher.js';
import type { ProtocolFeature } from './feature.js';
import { lifecycleFeature } from './methods/lifecycle.js';
import { toolsFeature } from './methods/tools.js';
import { resourcesFeature } from './methods/resources.js';
import { promptsFeature } from './methods/prompts.js';

/** Every feature the server speaks. Add resources/prompts here (one file each in methods/). */
export const DEFAULT_FEATURES: readonly ProtocolFeature[] = [lifecycleFeature, toolsFeature, resourcesFeature, promptsFeature];

export function createDispatcher(features: readonly ProtocolFeature[] = DEFAULT_FEATURES): Dispatcher {
  return new Dispatcher(features);
}

export { Dispatcher, type DispatchOutcome } from './dispatcher.js';
export type { ProtocolFeature, MethodSpec } from './feature.js';
export type { RequestContext, RequestEnvelope, RequestLog, McpHeaders } from './context.js';
export { ProtocolError } from './errors.js';
export * from './versions.js';
