// serverInfo and capabilities as each protocol version can carry them.
import type { Runtime } from '../runtime.js';
import type { ProtocolFeature } from './feature.js';
import { versionAtLeast } from './versions.js';

/** `Implementation` for a version: title from 2025-06-18, description from 2025-11-25. */
export function serverInfoFor(runtime: Runtime, version: string): Record<string, unknown> {
  const { name, version: serverVersion, title, description } = runtime.config;
  const info: Record<string, unknown> = { name, version: serverVersion };
  if (title !== undefined && versionAtLeast(version, '2025-06-18')) info.title = title;
  if (description !== undefined && versionAtLeast(version, '2025-11-25')) info.description = description;
  return info;
}

/** Server capabilities: the union of what each feature says the runtime has. */
export function capabilitiesFor(runtime: Runtime, features: readonly ProtocolFeature[]): Record<string, unknown> {
  const capabilities: Record<string, unknown> = {};
  for (const feature of features) Object.assign(capabilities, feature.capabilities?.(runtime) ?? {});
  return capabilities;
}
