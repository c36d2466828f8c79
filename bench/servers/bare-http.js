// Baseline for the benchmark: the least a node:http server can do for a JSON-RPC POST
// (read the body, parse it, answer a fixed tools/call result with the request's id).
// Usage: node bench/servers/bare-http.js --port N
import { createServer } from 'node:http';
import { argValue } from '../lib/args.js';

const port = Number(argValue('port', '0'));
const FIXED_RESULT = { content: [{ type: 'text', text: '16.666666666667' }], structuredContent: { expression: '(12.5 * 4) / 3', result: '16.666666666667' } };

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let id = null;
    try {
      id = JSON.parse(Buffer.concat(chunks).toString('utf8')).id ?? null;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const body = JSON.stringify({ jsonrpc: '2.0', id, result: FIXED_RESULT });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}/mcp\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
