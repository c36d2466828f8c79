// Protocol: initialize negotiation per legacy version, server/discover for 2026-07-28, eras, and schema validity of every reply.
import { fail, pass, skip, warn, type Check } from '../context.js';
import { sessionFrom } from '../http/mcp-wire.js';
import { LEGACY_VERSIONS, MODERN_VERSION, type SpecVersion } from '../spec-schemas.js';
import { needsMcpAccess } from './gates.js';

/** Codes the 2026-07-28 spec defines as modern errors; anything else lets a dual-era client fall back. */
const MODERN_ERROR_CODES = new Set([-32020, -32021, -32022]);

function initializeAt(version: SpecVersion): Check {
  return {
    id: `protocol.initialize-${version}`,
    area: 'protocol',
    async run(ctx) {
      const gate = needsMcpAccess(ctx);
      if (gate) return gate;
      const exchange = await ctx.wire.initialize(version);
      const reply = exchange.reply;
      if (!reply) return fail(`initialize at ${version}: ${exchange.problem ?? 'no reply'}`, 'answer POST initialize with a JSON-RPC result (application/json or text/event-stream)');
      if (reply.error?.code === -32022) {
        return warn(
          `modern-only server: initialize at ${version} is refused with -32022 (${reply.error.message}); clients that only speak the initialize era (SDK v1 and many IDEs) cannot connect`,
          'also serve the legacy era (e.g. the SDK v2 createMcpHandler default legacy: "stateless") unless you only target 2026-07-28 clients',
        );
      }
      if (reply.error) {
        return fail(
          `initialize at ${version} returned error ${reply.error.code}: ${reply.error.message}`,
          `accept initialize at ${version}; for a version you do not support, answer with your latest version in result.protocolVersion instead of an error`,
        );
      }
      const negotiated = reply.result?.protocolVersion;
      if (typeof negotiated !== 'string') return fail(`initialize at ${version}: the result has no protocolVersion`, 'return {protocolVersion, capabilities, serverInfo} from initialize');
      if (typeof reply.result?.instructions === 'string') ctx.state.instructions = reply.result.instructions;
      if (negotiated === version) {
        ctx.state.legacyVersions.push(version);
        ctx.state.session = sessionFrom(exchange, version);
        return pass(`negotiates ${version}`, { sessionId: ctx.state.session.sessionId ?? null });
      }
      ctx.state.session ??= sessionFrom(exchange, version);
      return warn(
        `asked for ${version}, the server answered ${negotiated}`,
        `if you support ${version}, echo it back; clients that do not speak ${negotiated} disconnect`,
        { negotiated },
      );
    },
  };
}

export const discover: Check = {
  id: 'protocol.discover',
  area: 'protocol',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    const exchange = await ctx.wire.modernRequest('server/discover');
    const http = exchange.http;
    const result = exchange.reply?.result;
    if (result) {
      const versions = Array.isArray(result.supportedVersions) ? result.supportedVersions.filter((v): v is string => typeof v === 'string') : [];
      if (versions.includes(MODERN_VERSION)) {
        ctx.state.discover = 'modern';
        ctx.state.modernVersions.push(...versions.filter((v) => v >= MODERN_VERSION));
        return pass(`speaks ${MODERN_VERSION}: server/discover lists ${versions.join(', ')}`, { supportedVersions: versions });
      }
      ctx.state.discover = 'broken';
      return fail(`server/discover answered a result without ${MODERN_VERSION} in supportedVersions`, `list ${MODERN_VERSION} in supportedVersions, or answer server/discover with -32601 so clients fall back to initialize`);
    }
    const error = exchange.reply?.error;
    if (error) {
      if (MODERN_ERROR_CODES.has(error.code)) {
        ctx.state.discover = 'modern';
        return warn(`server/discover at ${MODERN_VERSION} returned modern error ${error.code}: ${error.message}`, `support ${MODERN_VERSION} requests (per-request _meta, Mcp-Method header) or do not claim the modern era`);
      }
      ctx.state.discover = 'fallback';
      return pass(`legacy only: server/discover → ${http.ok ? `HTTP ${http.status}, ` : ''}JSON-RPC ${error.code}, so clients fall back to initialize`, { code: error.code });
    }
    if (http.ok && http.status >= 400 && http.status < 500 && exchange.format !== 'html') {
      ctx.state.discover = 'fallback';
      return pass(`legacy only: server/discover → HTTP ${http.status} without a modern error, so clients fall back to initialize`);
    }
    ctx.state.discover = 'broken';
    return fail(
      `server/discover (sent by ChatGPT when creating a connector) breaks the server: ${exchange.problem ?? 'no reply'}`,
      'answer unknown methods with a JSON-RPC -32601 "Method not found" error (HTTP 404 or 200), never a 5xx or an HTML page',
    );
  },
};

export const eras: Check = {
  id: 'protocol.eras',
  area: 'protocol',
  run(ctx) {
    const { legacyVersions, modernVersions } = ctx.state;
    if (legacyVersions.length === 0 && modernVersions.length === 0) {
      if (needsMcpAccess(ctx)) return skip('not probed: OAuth required (use --login)');
      return fail('the server negotiated none of the known protocol versions', 'support at least 2025-06-18 (initialize) so ChatGPT and SDK clients can connect');
    }
    const parts = [];
    if (legacyVersions.length) parts.push(`legacy (initialize): ${legacyVersions.join(', ')}`);
    if (modernVersions.length) parts.push(`modern (server/discover): ${modernVersions.join(', ')}`);
    const era = legacyVersions.length && modernVersions.length ? 'dual-era' : modernVersions.length ? 'modern only' : 'legacy only';
    return pass(`${era}: ${parts.join('; ')}`, { legacy: legacyVersions, modern: modernVersions });
  },
};

/** Runs last: every reply seen during the run, checked against the official schema of its version. */
export const schemaValidity: Check = {
  id: 'protocol.schema',
  area: 'protocol',
  run(ctx) {
    const counted = [...ctx.validatedReplies.entries()].map(([v, n]) => `${n} × ${v}`).join(', ');
    const total = [...ctx.validatedReplies.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return skip('no replies to validate');
    const violations = ctx.schemaViolations;
    if (violations.length === 0) return pass(`all ${total} replies match the official MCP schemas (${counted})`);
    const first = violations[0]!;
    return fail(
      `${violations.length} of ${total} replies violate the official schema; first: ${first.method} at ${first.version} (${first.definition}) ${first.errors.join('; ')}`,
      `make the fields named above match https://modelcontextprotocol.io/specification/${first.version}/schema#${first.definition.toLowerCase()}`,
      { violations: violations.slice(0, 20) },
    );
  },
};

export const initializeChecks: readonly Check[] = LEGACY_VERSIONS.map(initializeAt);
export const protocolChecks: readonly Check[] = [...initializeChecks, discover, eras];
