// One JSON-RPC POST with the headers a Streamable HTTP client sends; reads JSON or SSE answers.
import { request } from 'node:http';

export const PROTOCOL_VERSION = '2025-11-25';

/** Headers for a stateless 2025-era POST (both Accept types are required by the transport). */
export function mcpHeaders(extra = {}) {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL_VERSION,
    ...extra,
  };
}

export function toolCallBody(id, name, args) {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
}

/** POSTs `body` and returns { status, message } with the JSON-RPC response object (SSE unwrapped). */
export function postRpc(url, body, headers) {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, timeout: 30_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let message;
        try {
          if (String(res.headers['content-type'] ?? '').includes('text/event-stream')) {
            // The response is the last `data:` event carrying an id.
            const events = text.split('\n').filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)));
            message = events.reverse().find((e) => 'id' in e);
          } else {
            message = JSON.parse(text);
          }
        } catch {
          message = undefined;
        }
        resolve({ status: res.statusCode, message, text });
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end(body);
  });
}
