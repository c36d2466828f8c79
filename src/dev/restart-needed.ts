// Pure: settings a running dev server cannot swap in place (the port it listens on, the OAuth
// layer built at start), so a reload that changes them says "restart dev" instead of pretending.
import { isDeepStrictEqual } from 'node:util';
import type { McpConfig } from '../config/types.js';

/** Human names of what changed and only takes effect after a restart (empty when none). */
export function settingsNeedingRestart(running: McpConfig, next: McpConfig): string[] {
  const out: string[] = [];
  if (running.server.port !== next.server.port) out.push('server.port');
  if (running.server.host !== next.server.host) out.push('server.host');
  if (!isDeepStrictEqual(running.auth, next.auth)) out.push('auth');
  if (running.storage !== next.storage) out.push('storage');
  // The OAuth layer decides at start whether anonymous requests may reach public tools.
  if (running.auth.mode === 'oauth' && !isDeepStrictEqual(toolAuth(running), toolAuth(next))) out.push('tools’ auth/scopes');
  return out;
}

function toolAuth(config: McpConfig): string[] {
  return config.tools.map((t) => `${t.name}:${t.auth}:${[...t.scopes].sort().join(' ')}`).sort();
}
