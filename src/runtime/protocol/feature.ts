// The method table's building block: a feature contributes methods and, when the runtime has
// what it serves, a capability. tools/* lives in methods/tools.ts; resources/* and prompts/*
// slot in the same way (one file each, one entry in DEFAULT_FEATURES).
import type { Runtime } from '../runtime.js';
import type { RequestContext } from './context.js';
import type { HandlerResult } from './result.js';
import type { Era } from './versions.js';

export interface MethodSpec {
  /** Eras in which this method exists (e.g. `ping` is legacy only, `server/discover` modern only). */
  readonly eras: readonly Era[];
  /** 2026-07-28: the params field the `Mcp-Name` header must mirror. */
  readonly nameParam?: 'name' | 'uri';
  handle(params: Record<string, unknown>, ctx: RequestContext): Promise<HandlerResult> | HandlerResult;
}

export interface ProtocolFeature {
  readonly name: string;
  /** Capabilities to advertise for this runtime (undefined: the runtime has none of this feature). */
  capabilities?(runtime: Runtime): Record<string, unknown> | undefined;
  readonly methods: Readonly<Record<string, MethodSpec>>;
}
