// CORS: informational only (ChatGPT calls from its backend); reports what a browser-based inspector would see.
import { fail, pass, type Check } from '../context.js';
import { probe } from '../http/probe.js';

const INSPECTOR_ORIGIN = 'http://localhost:6274';

export const corsPreflight: Check = {
  id: 'cors.preflight',
  area: 'cors',
  async run(ctx) {
    const res = await probe(ctx.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: INSPECTOR_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization, mcp-protocol-version, mcp-session-id',
      },
      timeoutMs: ctx.timeoutMs,
    });
    if (!res.ok) return fail(`preflight: ${res.message}`, res.fix);
    const allowOrigin = res.headers.get('access-control-allow-origin');
    const allowHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    const details = {
      status: res.status,
      allowOrigin,
      allowHeaders: res.headers.get('access-control-allow-headers'),
      exposeHeaders: res.headers.get('access-control-expose-headers'),
    };
    if (!allowOrigin) return pass(`a browser inspector at ${INSPECTOR_ORIGIN} is blocked by CORS (HTTP ${res.status}); ChatGPT does not need CORS`, details);
    const missing = ['authorization', 'mcp-protocol-version'].filter((h) => !allowHeaders.includes(h) && allowHeaders !== '*');
    return pass(`a browser inspector at ${INSPECTOR_ORIGIN} is allowed (Access-Control-Allow-Origin: ${allowOrigin})${missing.length ? `; headers not allowed: ${missing.join(', ')}` : ''}`, details);
  },
};

export const corsChecks: readonly Check[] = [corsPreflight];
