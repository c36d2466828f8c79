// Test helper: builds normalised http tool entries and configs (as the loader would) and a capturing logger.
import { Writable } from 'node:stream';
import type { JsonSchema, McpConfig, ToolConfigBase } from '../../../src/config/types.js';
import { createLogger, silentLogger, type Logger } from '../../../src/runtime/logger.js';
import { httpDefaultAnnotations, httpKind } from '../../../src/runtime/tools/http.js';
import type { CallContext, RuntimeTool } from '../../../src/runtime/tools/types.js';
import { configObject } from '../../helpers/config-object.js';

export function testConfig(tools: ToolConfigBase[] = [], allowPrivateNetwork = false): McpConfig {
  return configObject({ version: '0.0.0', server: { allowPrivateNetwork }, tools });
}

export function httpEntry(fields: Record<string, unknown>, inputSchema: JsonSchema = { type: 'object', properties: {} }): ToolConfigBase {
  const method = typeof fields.method === 'string' ? fields.method : 'GET';
  return {
    kind: 'http', name: 'upstream', description: 'Calls the test upstream.', auth: 'none', scopes: [],
    annotations: httpDefaultAnnotations(method), inputSchema, allowPrivateNetwork: true, ...fields,
  };
}

export async function createHttpTool(fields: Record<string, unknown>, inputSchema?: JsonSchema, logger: Logger = silentLogger()): Promise<RuntimeTool> {
  const entry = httpEntry(fields, inputSchema);
  return httpKind.create(entry, { config: testConfig([entry]), logger, corpora: { get: () => Promise.reject(new Error('no corpora in this test')) } });
}

export function callContext(logger: Logger = silentLogger(), signal: AbortSignal = new AbortController().signal): CallContext {
  return { signal, logger, protocolVersion: '2025-11-25' };
}

/** A trace-level logger whose output is kept in memory, to assert what never reaches logs. */
export function capturingLogger(): { logger: Logger; output: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { logger: createLogger({ level: 'trace', destination, pretty: false }), output: () => chunks.join('') };
}

export function textOf(result: { content: unknown[] }): string {
  return result.content.map((c) => ((c as { type: string }).type === 'text' ? (c as { text: string }).text : '')).join('\n');
}
