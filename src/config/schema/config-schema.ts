// The whole mcp.yaml JSON Schema, composed from the base sections and every tool kind's fragment.
import type { JsonSchema } from '../types.js';
import type { ToolKind } from '../../runtime/tools/types.js';
import { authSchema } from './auth-schema.js';
import { promptSchema, resourceSchema } from './resource-prompt-schema.js';
import { toolEntrySchema } from './tool-schema.js';

/** Where the published schema lives (npm serves the package's schema/ folder). */
export const CONFIG_SCHEMA_ID = 'https://unpkg.com/mcp-devmode/schema/mcp.schema.json';

export const DEFAULT_SERVER = {
  port: 8080,
  host: '127.0.0.1',
  path: '/mcp',
  corsOrigins: [] as string[],
  allowedHosts: [] as string[],
  allowPrivateNetwork: false,
  maxBodyBytes: 4 * 1024 * 1024,
} as const;

export const DEFAULT_STORAGE = 'sqlite:.mcp-devmode/state.db';

/** ChatGPT shows the first 512 characters of `instructions`; longer text is a warning. */
export const INSTRUCTIONS_SOFT_LIMIT = 512;

const serverSchema: JsonSchema = {
  type: 'object',
  title: 'HTTP server',
  additionalProperties: false,
  properties: {
    port: { type: 'integer', minimum: 0, maximum: 65535, default: DEFAULT_SERVER.port, description: 'TCP port (0 = any free port).' },
    host: { type: 'string', minLength: 1, default: DEFAULT_SERVER.host, description: 'Interface to listen on; 0.0.0.0 in containers.' },
    path: { type: 'string', pattern: '^/', default: DEFAULT_SERVER.path, description: 'MCP endpoint path.' },
    publicUrl: {
      type: 'string',
      pattern: '^https?://[^/?#\\s]+/?$',
      description: 'Public origin of the server, e.g. https://my-mcp.fly.dev (no path).',
    },
    corsOrigins: { type: 'array', items: { type: 'string' }, default: [], description: 'Browser origins allowed to call the server.' },
    allowedHosts: { type: 'array', items: { type: 'string' }, default: [], description: 'Allowed Host header values (empty = any).' },
    allowPrivateNetwork: {
      type: 'boolean',
      default: false,
      description: 'Let tools call private/loopback addresses (turns the SSRF guard off).',
    },
    maxBodyBytes: { type: 'integer', minimum: 1024, default: DEFAULT_SERVER.maxBodyBytes, description: 'Largest accepted request body.' },
  },
};

const corpusSourceSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: { type: 'string', minLength: 1, description: 'File or glob, relative to this file (e.g. data/*.md).' },
    format: { enum: ['markdown', 'text', 'json', 'jsonl', 'csv'], description: 'Inferred from the extension when absent.' },
    fields: {
      type: 'object',
      description: 'Which record fields hold the id, title, text, url and metadata (json, jsonl, csv).',
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        text: { type: 'string' },
        url: { type: 'string' },
        metadata: { type: 'array', items: { type: 'string' } },
      },
    },
  },
};

const corpusSchema: JsonSchema = {
  type: 'object',
  title: 'Corpus',
  additionalProperties: false,
  required: ['sources'],
  properties: {
    sources: { type: 'array', minItems: 1, items: { $ref: '#/$defs/corpusSource' } },
    baseUrl: { type: 'string', pattern: '^https?://', description: 'Base URL for documents without a url of their own.' },
  },
};

export interface BuildSchemaOptions {
  /**
   * For editors, which read the file before `${VAR}` substitution: a number or boolean may also
   * be written as a string containing `${`. The loader validates after substitution, strictly.
   */
  readonly forEditors?: boolean;
}

/** Builds the complete schema; the loader compiles it, scripts/write-schema.js publishes the editor variant. */
export function buildConfigSchema(kinds: readonly ToolKind[], options: BuildSchemaOptions = {}): JsonSchema {
  const schema = composeSchema(kinds);
  if (!options.forEditors) return schema;
  const { $schema, $id, ...rest } = allowInterpolation(schema) as JsonSchema;
  return {
    $schema,
    $id,
    $comment: 'Generated from src/config/schema by `npm run build`; do not edit. Numbers and booleans may be written as ${VAR} strings.',
    ...rest,
  };
}

const NON_STRING_SCALARS = new Set(['integer', 'number', 'boolean']);
// Keywords whose values are data, not schemas: never rewrite inside them.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

function allowInterpolation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowInterpolation);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = DATA_KEYWORDS.has(key) ? value : allowInterpolation(value);
  const types = typeof out.type === 'string' ? [out.type] : Array.isArray(out.type) ? (out.type as unknown[]) : [];
  const scalarOnly = types.length > 0 && types.every((t) => typeof t === 'string' && NON_STRING_SCALARS.has(t));
  if (scalarOnly && out.pattern === undefined) {
    out.type = [...types, 'string'];
    out.pattern = '\\$\\{';
  }
  return out;
}

function composeSchema(kinds: readonly ToolKind[]): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONFIG_SCHEMA_ID,
    title: 'mcp-devmode configuration (mcp.yaml)',
    description: 'One file that describes an MCP server: its tools, the documents they search and how clients sign in.',
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, description: 'Server name reported to clients (serverInfo.name).' },
      version: { type: 'string', minLength: 1, default: '1.0.0', description: 'Server version, a string (quote it: "1.0").' },
      title: { type: 'string', description: 'Display name shown by clients.' },
      description: { type: 'string', description: 'One sentence about the server.' },
      instructions: {
        type: 'string',
        description: `How the model should use these tools; keep the first ${INSTRUCTIONS_SOFT_LIMIT} characters self-contained.`,
      },
      server: { $ref: '#/$defs/server' },
      auth: { $ref: '#/$defs/auth' },
      storage: {
        type: 'string',
        pattern: '^(sqlite:|postgres(ql)?://)',
        default: DEFAULT_STORAGE,
        description: 'Where OAuth state lives: sqlite:FILE or postgres://…',
      },
      corpora: {
        type: 'object',
        description: 'Named document collections that search and fetch tools read.',
        propertyNames: { pattern: '^[A-Za-z0-9_-]+$' },
        additionalProperties: { $ref: '#/$defs/corpus' },
      },
      tools: { type: 'array', description: 'The tools, in the order clients list them.', items: { $ref: '#/$defs/tool' } },
      resources: { type: 'array', description: 'Documents clients can read (resources/list, resources/read).', items: { $ref: '#/$defs/resource' } },
      prompts: { type: 'array', description: 'Prompt templates clients offer their users (prompts/list, prompts/get).', items: { $ref: '#/$defs/prompt' } },
    },
    $defs: {
      server: serverSchema,
      auth: authSchema,
      corpus: corpusSchema,
      corpusSource: corpusSourceSchema,
      tool: toolEntrySchema(kinds),
      resource: resourceSchema,
      prompt: promptSchema,
    },
  };
}
