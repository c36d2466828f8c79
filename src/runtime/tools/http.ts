// The `http` tool kind: one declarative upstream HTTP call per tool (URL/query/headers/body
// templates, SSRF guard, retries, JSONata transform, optional cache). Compiled once at start.
import type { ToolAnnotations, ToolConfigBase } from '../../config/types.js';
import type { CallContext, CallToolResult, RuntimeTool, Tool, ToolKind } from './types.js';
import { compileHttpTool, locateIssues, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, MAX_MAX_BYTES, MAX_RETRIES, type CompiledHttpTool } from './http/compile.js';
import { DURATION_PATTERN } from './http/duration.js';
import { executeRequest, retryPolicyFor } from './http/execute.js';
import { RequestBuildError } from './http/request-error.js';
import { buildRequest, HTTP_METHODS, type BuiltRequest } from './http/request-template.js';
import { ResponseCache } from './http/response-cache.js';
import type { RetryPolicy } from './http/retry.js';
import { errorResult } from './http/upstream-result.js';
import { toolDefinition } from './definition.js';

const templateNote = 'May contain {{arg}} placeholders (filters: {{arg | upper}}, lower, trim).';

const duration = (description: string) => ({
  description,
  oneOf: [
    { type: 'integer', minimum: 1, description: 'Milliseconds.' },
    { type: 'string', pattern: DURATION_PATTERN, description: 'A duration such as "250ms", "10s" or "2m".' },
  ],
});

const scalarTemplate = { type: ['string', 'number', 'boolean'] };

export function httpDefaultAnnotations(method: string): ToolAnnotations {
  const m = method.toUpperCase();
  return {
    readOnlyHint: m === 'GET' || m === 'HEAD',
    destructiveHint: !(m === 'GET' || m === 'HEAD' || m === 'POST'),
    idempotentHint: m === 'GET' || m === 'HEAD' || m === 'PUT' || m === 'DELETE',
    openWorldHint: true,
  };
}

export const httpKind: ToolKind = {
  kind: 'http',
  schema: {
    properties: {
      method: { enum: [...HTTP_METHODS], default: 'GET', description: 'HTTP method (default GET).' },
      url: {
        type: 'string',
        description: `Absolute http(s) URL. ${templateNote} Placeholders are allowed in the path (each value is one percent-encoded segment) and the query, never in the host. Use \${ENV} for a configurable base URL.`,
      },
      query: {
        type: 'object',
        description: `Query parameters: name → value. ${templateNote} A parameter whose argument was not given is omitted; an array argument repeats the parameter.`,
        additionalProperties: scalarTemplate,
      },
      headers: {
        type: 'object',
        description: `Request headers: name → value. ${templateNote} Put secrets here with \${ENV} interpolation; header values are never logged.`,
        additionalProperties: { type: ['string', 'number'] },
      },
      body: {
        description: `Request body (not for GET/HEAD). An object/array is sent as JSON (or form-encoded when content-type says so); string leaves ${templateNote} A leaf that is exactly "{{arg}}" keeps the argument's JSON type. A string body is sent as text.`,
        type: ['object', 'array', 'string'],
      },
      timeout: duration(`Time allowed for each attempt, including redirects and reading the body (default ${DEFAULT_TIMEOUT_MS / 1000}s).`),
      retries: {
        type: 'integer', minimum: 0, maximum: MAX_RETRIES, default: DEFAULT_RETRIES,
        description: 'Extra attempts on 429 (any method), 5xx and connection errors (idempotent tools only), with exponential backoff and jitter; Retry-After is honoured up to 10 s.',
      },
      transform: {
        type: 'string',
        description: 'JSONata expression applied to the response (parsed JSON, or the text). $args holds the call arguments. An object result becomes structuredContent; an array is wrapped as {items}.',
      },
      maxBytes: {
        type: 'integer', minimum: 1, maximum: MAX_MAX_BYTES, default: 1048576,
        description: 'Largest response body read (default 1 MiB); longer text is cut with a note, longer JSON fails the call.',
      },
      cacheTtl: duration('Cache successful results in memory for this long, keyed by the exact request (off by default).'),
      allowPrivateNetwork: {
        type: 'boolean', default: false,
        description: 'Allow this tool to reach loopback/private/link-local addresses (the SSRF guard refuses them by default).',
      },
    },
    required: ['url'],
  },
  defaultAnnotations: httpDefaultAnnotations('GET'),
  defaultAnnotationsFor: (entry) => httpDefaultAnnotations(typeof entry.method === 'string' ? entry.method : 'GET'),

  check(tool, config, index) {
    return locateIssues(compileHttpTool(tool, config).issues, index);
  },

  async create(tool, ctx) {
    const { compiled, issues } = compileHttpTool(tool, ctx.config);
    if (!compiled) {
      const first = issues[0];
      throw new Error(`Tool "${tool.name}": ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid http tool'}`);
    }
    return new HttpTool(tool, compiled);
  },
};

class HttpTool implements RuntimeTool {
  readonly definition: Tool;
  private readonly cache: ResponseCache<CallToolResult> | undefined;
  private readonly policy: RetryPolicy;

  constructor(private readonly config: ToolConfigBase, private readonly compiled: CompiledHttpTool) {
    this.definition = toolDefinition(config);
    this.cache = compiled.cacheTtlMs ? new ResponseCache<CallToolResult>(compiled.cacheTtlMs) : undefined;
    this.policy = retryPolicyFor(compiled, config.annotations.idempotentHint);
  }

  async call(args: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult> {
    const values = this.withDefaults(args);
    let request: BuiltRequest;
    try {
      request = buildRequest(this.compiled.request, values);
    } catch (err) {
      if (err instanceof RequestBuildError) return errorResult(err.message);
      throw err;
    }
    const key = this.cache ? cacheKey(request) : undefined;
    if (key !== undefined) {
      const hit = this.cache?.get(key);
      if (hit) return hit;
    }
    const result = await executeRequest(this.config.name, this.compiled, this.policy, request, values, ctx);
    if (key !== undefined && !result.isError) this.cache?.set(key, result);
    return result;
  }

  async close(): Promise<void> {
    this.cache?.clear();
  }

  private withDefaults(args: Record<string, unknown>): Record<string, unknown> {
    if (this.compiled.defaults.length === 0) return args;
    let out: Record<string, unknown> | undefined;
    for (const [name, value] of this.compiled.defaults) {
      if (args[name] !== undefined) continue;
      out ??= { ...args };
      out[name] = value;
    }
    return out ?? args;
  }
}

function cacheKey(request: BuiltRequest): string {
  const headers = Object.keys(request.headers).sort().map((k) => `${k}:${request.headers[k]}`).join('\n');
  return `${request.method} ${request.url}\n${headers}\n\n${request.body ?? ''}`;
}

