// Endpoint: the pasted URL answers MCP POSTs; if the server lives on another path, say which URL to paste.
import { fail, pass, type Check, type DoctorContext } from '../context.js';
import { McpWire, type RpcExchange } from '../http/mcp-wire.js';
import { probe } from '../http/probe.js';

/** True when GET opens the deprecated HTTP+SSE transport (2024-11-05): its first event is `endpoint`. */
async function speaksLegacySse(url: string, timeoutMs: number): Promise<boolean> {
  const res = await probe(url, { method: 'GET', headers: { accept: 'text/event-stream' }, stopOnEvent: () => true, timeoutMs });
  return res.ok && res.status === 200 && res.events?.[0]?.event === 'endpoint';
}

/** True when the answer is MCP: a JSON-RPC reply, or a 401 asking for OAuth. */
function answersMcp(exchange: RpcExchange): boolean {
  if (!exchange.http.ok) return false;
  return exchange.reply !== undefined || exchange.http.status === 401;
}

/** Other URLs worth trying on the same origin, most likely first. */
export function alternativeEndpoints(url: string): string[] {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  const at = (p: string) => new URL(p, u.origin).toString();
  if (path === '') return [at('/mcp'), at('/api/mcp')];
  if (path === '/mcp') return [at('/')];
  if (path === '/sse') return [at('/mcp'), at('/')];
  return [at('/mcp'), at('/')];
}

export const endpointAnswers: Check = {
  id: 'endpoint.mcp',
  area: 'endpoint',
  async run(ctx: DoctorContext) {
    const first = await ctx.wire.initialize('2025-06-18');
    if (answersMcp(first)) {
      ctx.state.firstContact = first;
      detectAuthMode(ctx);
      return pass(first.http.ok && first.http.status === 401 ? `${ctx.endpoint} answers MCP (HTTP 401: OAuth required)` : `${ctx.endpoint} answers MCP POSTs`);
    }
    const what = first.problem ?? 'no JSON-RPC reply';
    for (const candidate of alternativeEndpoints(ctx.endpoint)) {
      const wire = new McpWire(candidate, ctx.timeoutMs, () => undefined);
      const attempt = await wire.initialize('2025-06-18');
      if (answersMcp(attempt)) {
        const pasted = ctx.endpoint;
        ctx.useEndpoint(candidate);
        ctx.state.firstContact = await ctx.wire.initialize('2025-06-18');
        detectAuthMode(ctx);
        return fail(
          `${pasted} does not answer MCP (${what}), but ${candidate} does; the rest of this report probes ${candidate}`,
          `paste ${candidate} into ChatGPT (Settings → Connectors → Create → MCP server URL)`,
          { tried: pasted, answeredAt: candidate },
        );
      }
    }
    if (await speaksLegacySse(ctx.endpoint, ctx.timeoutMs)) {
      ctx.state.blocked = 'the server speaks the deprecated HTTP+SSE transport';
      return fail(
        `${ctx.endpoint} serves the deprecated HTTP+SSE transport (2024-11-05): GET opens a stream with an endpoint event; doctor and current SDK clients speak Streamable HTTP, so nothing else could be checked`,
        'serve Streamable HTTP on one endpoint (POST /mcp), as mcp-devmode serve does; keep the SSE endpoint only for old clients',
      );
    }
    ctx.state.blocked = 'no MCP endpoint was found';
    return fail(
      `${ctx.endpoint} does not answer MCP POSTs (${what})`,
      'paste the full MCP endpoint URL (usually https://<host>/mcp); the server must accept POST with a JSON-RPC initialize request',
      { tried: [ctx.endpoint, ...alternativeEndpoints(ctx.endpoint)] },
    );
  },
};

export const endpointChecks: readonly Check[] = [endpointAnswers];

const AUTH_WORDS = /auth|token|unauthori[sz]ed|forbidden|credential|login|bearer/i;

/** Records from the first answer whether the endpoint demands OAuth, and how it says so. */
export function detectAuthMode(ctx: DoctorContext): void {
  const first = ctx.state.firstContact;
  if (!first?.http.ok) return;
  if (first.http.status === 401) {
    ctx.state.auth.mode = 'oauth';
    ctx.state.auth.wwwAuthenticate = first.http.headers.get('www-authenticate') ?? undefined;
    return;
  }
  const error = first.reply?.error;
  if (error && AUTH_WORDS.test(`${error.message} ${JSON.stringify(error.data ?? '')}`)) {
    ctx.state.auth.mode = 'json-rpc-error';
  }
}
