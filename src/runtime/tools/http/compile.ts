// Reads an http tool entry once: request templates, timings, limits and the JSONata transform.
// Shared by config checks (which report every problem) and create (which refuses to start).
import { createRequire } from 'node:module';
import type jsonata from 'jsonata';
import type { ConfigIssue, JsonSchema, McpConfig, ToolConfigBase } from '../../../config/types.js';
import { DEFAULT_MAX_BYTES } from '../../net/index.js';
import { parseDurationMs } from './duration.js';
import { compileRequestTemplate, RequestTemplateIssue, type RequestTemplate } from './request-template.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_TIMEOUT_MS = 300_000;
export const DEFAULT_RETRIES = 2;
export const MAX_RETRIES = 10;
export const MAX_MAX_BYTES = 64 * 1024 * 1024;
// JSONata guards: a runaway transform fails the call instead of blocking the event loop.
const TRANSFORM_LIMITS = { timeout: 2_000, stack: 500 } as const;

// jsonata costs ~100–200 ms to load: only configs with a transform pay for it (sync, so checks stay sync).
let jsonataModule: typeof jsonata | undefined;
function loadJsonata(): typeof jsonata {
  return (jsonataModule ??= createRequire(import.meta.url)('jsonata') as typeof jsonata);
}

export interface CompiledHttpTool {
  readonly request: RequestTemplate;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly maxBytes: number;
  readonly cacheTtlMs?: number;
  readonly allowPrivateNetwork: boolean;
  readonly transform?: jsonata.Expression;
  /** Top-level `default`s of the input schema, applied to omitted arguments. */
  readonly defaults: readonly (readonly [string, unknown])[];
}

/** A problem located relative to the tool entry (e.g. ['query', 'symbol']). */
export interface EntryIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly hint?: string;
}

export function compileHttpTool(tool: ToolConfigBase, config: Pick<McpConfig, 'server'>): { compiled?: CompiledHttpTool; issues: EntryIssue[] } {
  const issues: EntryIssue[] = [];
  let request: RequestTemplate | undefined;
  try {
    request = compileRequestTemplate({ method: tool.method, url: tool.url, query: tool.query, headers: tool.headers, body: tool.body });
  } catch (err) {
    if (!(err instanceof RequestTemplateIssue)) throw err;
    issues.push({ path: err.path, message: err.message, ...(err.hint ? { hint: err.hint } : {}) });
  }

  const properties = schemaProperties(tool.inputSchema);
  const required = new Set(Array.isArray(tool.inputSchema.required) ? (tool.inputSchema.required as unknown[]).filter((r): r is string => typeof r === 'string') : []);
  if (request) {
    const names = Object.keys(properties);
    const reported = new Set<string>();
    for (const use of request.uses) {
      const key = `${use.path.join('.')}\u0000${use.name}`;
      if (Object.hasOwn(properties, use.name) || reported.has(key)) continue;
      reported.add(key);
      issues.push({
        path: use.path,
        message: `Placeholder {{${use.name}}} does not name an input property.`,
        hint: names.length ? `Input properties: ${names.join(', ')}.` : 'Declare it under `input:` (or `inputSchema.properties`).',
      });
    }
    for (const name of request.url.pathPlaceholders) {
      if (!Object.hasOwn(properties, name) || required.has(name) || 'default' in (properties[name] ?? {})) continue;
      issues.push({
        path: ['url'],
        message: `Path placeholder {{${name}}} uses an optional argument; the URL cannot be built without it.`,
        hint: `Mark "${name}" required, give it a default, or move it to \`query\`.`,
      });
    }
  }

  const timeoutMs = readDuration(tool.timeout, ['timeout'], DEFAULT_TIMEOUT_MS, issues);
  if (timeoutMs !== undefined && (timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS)) issues.push({ path: ['timeout'], message: `timeout must be between 1 ms and ${MAX_TIMEOUT_MS / 1000} s.` });
  const cacheTtlMs = tool.cacheTtl === undefined ? undefined : readDuration(tool.cacheTtl, ['cacheTtl'], 0, issues);
  const retries = readInteger(tool.retries, ['retries'], DEFAULT_RETRIES, 0, MAX_RETRIES, issues);
  const maxBytes = readInteger(tool.maxBytes, ['maxBytes'], DEFAULT_MAX_BYTES, 1, MAX_MAX_BYTES, issues);
  if (tool.allowPrivateNetwork !== undefined && typeof tool.allowPrivateNetwork !== 'boolean') issues.push({ path: ['allowPrivateNetwork'], message: 'allowPrivateNetwork must be true or false.' });

  let transform: jsonata.Expression | undefined;
  if (tool.transform !== undefined) {
    if (typeof tool.transform !== 'string' || tool.transform.trim() === '') {
      issues.push({ path: ['transform'], message: 'transform must be a JSONata expression (a non-empty string).' });
    } else {
      try {
        transform = loadJsonata()(tool.transform, TRANSFORM_LIMITS);
      } catch (err) {
        const e = err as { message?: string; position?: number; code?: string };
        issues.push({
          path: ['transform'],
          message: `JSONata syntax error${typeof e.position === 'number' ? ` at position ${e.position}` : ''}: ${e.message ?? String(err)}`,
          hint: 'See https://docs.jsonata.org/ for the expression language.',
        });
      }
    }
  }

  if (issues.length > 0 || !request || timeoutMs === undefined) return { issues };
  const defaults = Object.entries(properties).filter(([, p]) => p && 'default' in p).map(([name, p]) => [name, p.default] as const);
  return {
    issues,
    compiled: {
      request,
      timeoutMs,
      retries,
      maxBytes,
      ...(cacheTtlMs ? { cacheTtlMs } : {}),
      allowPrivateNetwork: tool.allowPrivateNetwork === true || config.server.allowPrivateNetwork === true,
      ...(transform ? { transform } : {}),
      defaults,
    },
  };
}

/** Config issues in document coordinates: ['tools', index, ...relative path]. */
export function locateIssues(issues: readonly EntryIssue[], index: number): ConfigIssue[] {
  return issues.map((i) => ({ path: ['tools', index, ...i.path], message: i.message, ...(i.hint ? { hint: i.hint } : {}) }));
}

function schemaProperties(schema: JsonSchema): Record<string, JsonSchema> {
  const props = schema.properties;
  return props && typeof props === 'object' ? (props as Record<string, JsonSchema>) : {};
}

function readDuration(value: unknown, path: string[], fallback: number, issues: EntryIssue[]): number | undefined {
  if (value === undefined) return fallback;
  const ms = parseDurationMs(value);
  if (ms === undefined) issues.push({ path, message: `"${String(value)}" is not a duration.`, hint: 'Use milliseconds (e.g. 2500) or a string like "250ms", "10s", "2m".' });
  return ms;
}

function readInteger(value: unknown, path: string[], fallback: number, min: number, max: number, issues: EntryIssue[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.push({ path, message: `${path.join('.')} must be an integer from ${min} to ${max}.` });
    return fallback;
  }
  return value;
}
