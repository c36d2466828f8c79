// The `module` tool kind: the user's own code. `file:` names an ES module next to mcp.yaml that
// exports `default async function (args, ctx)`; it runs in the server process with the server's
// permissions (docs/module-tools.md), loaded once per runtime, time-boxed, its failures contained.
import type { ToolConfigBase } from '../../config/types.js';
import { DURATION_PATTERN, parseDurationMs } from './http/duration.js';
import { moduleContext } from './module/context.js';
import { loadModuleFunction, moduleFileProblem, type ModuleToolFunction } from './module/load.js';
import { toCallToolResult } from './module/result.js';
import type { CallContext, CallToolResult, RuntimeTool, Tool, ToolKind } from './types.js';
import { toolDefinition } from './definition.js';

export const DEFAULT_MODULE_TIMEOUT_MS = 30_000;

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function timeoutOf(tool: ToolConfigBase): number {
  return parseDurationMs(tool.timeout) ?? DEFAULT_MODULE_TIMEOUT_MS;
}

export const moduleKind: ToolKind = {
  kind: 'module',
  schema: {
    properties: {
      file: { type: 'string', minLength: 1, description: 'ES module relative to this file (.js/.mjs; .ts on Node 22.18+) exporting `default async function (args, ctx)`.' },
      timeout: {
        description: `Time allowed per call (default ${DEFAULT_MODULE_TIMEOUT_MS / 1000}s); then ctx.signal aborts and the call fails.`,
        oneOf: [
          { type: 'integer', minimum: 1, description: 'Milliseconds.' },
          { type: 'string', pattern: DURATION_PATTERN, description: 'A duration such as "500ms", "10s" or "2m".' },
        ],
      },
      allowPrivateNetwork: { type: 'boolean', default: false, description: 'Let ctx.fetch reach loopback/private addresses (the SSRF guard refuses them by default).' },
    },
    required: ['file'],
  },
  // Unknown code: assume it writes, may destroy and talks to the world, unless the entry says otherwise.
  defaultAnnotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },

  check(tool, config, index) {
    const problem = moduleFileProblem(config.baseDir, String(tool.file));
    return problem ? [{ path: ['tools', index, 'file'], message: `tool "${tool.name}": ${problem.message}`, hint: problem.hint }] : [];
  },

  async create(tool, ctx) {
    const fn = await loadModuleFunction(ctx.config.baseDir, String(tool.file)).catch((err: Error) => {
      throw new Error(`Tool "${tool.name}": cannot load ${String(tool.file)}: ${err.message}`);
    });
    const allowPrivateNetwork = tool.allowPrivateNetwork === true || ctx.config.server.allowPrivateNetwork;
    return new ModuleTool(tool, fn, timeoutOf(tool), allowPrivateNetwork);
  },
};

class ModuleTool implements RuntimeTool {
  readonly definition: Tool;

  constructor(private readonly config: ToolConfigBase, private readonly fn: ModuleToolFunction, private readonly timeoutMs: number, private readonly allowPrivateNetwork: boolean) {
    this.definition = toolDefinition(config);
  }

  async call(args: Record<string, unknown>, call: CallContext): Promise<CallToolResult> {
    const name = this.config.name;
    const timeout = new AbortController();
    const signal = AbortSignal.any([call.signal, timeout.signal]);
    const deadline = Date.now() + this.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        timeout.abort(new Error(`timed out after ${this.timeoutMs} ms`));
        resolve('timeout');
      }, this.timeoutMs);
    });
    try {
      const ctx = moduleContext(name, call, signal, deadline, this.allowPrivateNetwork);
      // Promise.resolve().then: a synchronous throw is contained like a rejection.
      const outcome = await Promise.race([Promise.resolve().then(() => this.fn(args, ctx)), timedOut]);
      if (outcome === 'timeout') {
        call.logger.warn({ tool: name, timeoutMs: this.timeoutMs }, 'module tool timed out');
        return errorResult(`Tool "${name}" timed out after ${formatMs(this.timeoutMs)}.`);
      }
      if (call.signal.aborted) return errorResult(`Tool "${name}" was cancelled.`);
      return toCallToolResult(outcome);
    } catch (err) {
      // The stack stays in the server log; the client gets the message only.
      call.logger.warn({ tool: name, err }, 'module tool threw');
      const message = err instanceof Error ? err.message : String(err);
      return errorResult(`Tool "${name}" failed: ${message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
