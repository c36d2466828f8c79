// The official MCP TypeScript SDK v2 serving the same tools as mcp-devmode, the way its stateless
// examples do: a new McpServer (+ transport) per HTTP request. The tool work itself is our runtime's
// (same calculator, same corpus index), so the comparison measures the serving layers.
// Usage: node bench/servers/sdk-stateless.js --config mcp.yaml --port N [--mode transport|handler]
//   transport: @modelcontextprotocol/node README example (NodeStreamableHTTPServerTransport per POST)
//   handler:   createMcpHandler(factory) + toNodeHandler (the v2 serving guide's entry point)
import { createServer } from 'node:http';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { argValue } from '../lib/args.js';

const configPath = argValue('config', 'examples/quickstart/mcp.yaml');
const port = Number(argValue('port', '0'));
const mode = argValue('mode', 'transport');

// Built from dist/ like `serve` builds it, so both servers run identical tool code.
const { loadConfigOrReport } = await import('../../dist/cli/runtime-setup.js');
const { silentLogger } = await import('../../dist/runtime/logger.js');
const { createCorpusProvider } = await import('../../dist/runtime/corpus/provider.js');
const { createRuntime } = await import('../../dist/runtime/runtime.js');
const config = await loadConfigOrReport(configPath, false);
if (typeof config === 'number') process.exit(config);
const logger = silentLogger();
// Same corpus provider (and on-disk index cache) as `serve`; indexes are built before listening.
const corpora = createCorpusProvider(config, { logger });
await Promise.all(Object.keys(config.corpora).map((name) => corpora.get(name)));
const runtime = await createRuntime(config, { logger, corpora });

// Schemas converted once; each per-request McpServer reuses them.
const tools = runtime.listTools().map((tool) => ({
  name: tool.name,
  config: {
    title: tool.title,
    description: tool.description,
    inputSchema: fromJsonSchema(tool.inputSchema),
    annotations: tool.annotations,
  },
}));

function buildServer() {
  const server = new McpServer({ name: `${config.name}-sdk`, version: config.version });
  for (const tool of tools) {
    server.registerTool(tool.name, tool.config, (args) =>
      runtime.callTool(tool.name, args ?? {}, { signal: new AbortController().signal, logger, protocolVersion: '2025-11-25' }));
  }
  return server;
}

const handler = mode === 'handler' ? toNodeHandler(createMcpHandler(buildServer)) : undefined;

const http = createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  try {
    if (handler) {
      await handler(req, res);
      return;
    }
    const server = buildServer();
    const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  } catch (err) {
    if (!res.headersSent) res.writeHead(500).end(String(err));
  }
});
http.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${http.address().port}/mcp\n`);
});
process.once('SIGTERM', () => http.close(() => process.exit(0)));
