// The stdio transport: newline-delimited JSON-RPC on stdin/stdout through the same dispatcher.
// stdout carries protocol messages only; logs go to stderr.
import { createInterface } from 'node:readline';
import type { Logger } from './logger.js';
import { createDispatcher, type Dispatcher } from './protocol/index.js';
import type { RequestLog } from './protocol/context.js';
import { PARSE_ERROR } from './protocol/errors.js';
import { errorResponse, type RequestId } from './protocol/jsonrpc.js';
import type { Runtime } from './runtime.js';

export interface StdioOptions {
  readonly runtime: Runtime;
  readonly logger: Logger;
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  readonly dispatcher?: Dispatcher;
}

export interface StdioSession {
  /** Resolves when stdin ends and every in-flight request has been answered. */
  readonly done: Promise<void>;
  setRuntime(next: Runtime): Promise<void>;
  /** Stops reading, cancels in-flight requests, closes the runtime. */
  close(): Promise<void>;
}

function cancelledRequestId(message: unknown): RequestId | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as { method?: unknown; id?: unknown; params?: { requestId?: unknown } };
  if (m.method !== 'notifications/cancelled' || 'id' in m) return undefined;
  const id = m.params?.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

function requestIdOf(message: unknown): RequestId | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const id = (message as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

export function serveStdio(options: StdioOptions): StdioSession {
  const { logger } = options;
  const dispatcher = options.dispatcher ?? createDispatcher();
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  let runtime = options.runtime;
  let sessionVersion: string | undefined;
  const inFlight = new Map<RequestId, AbortController>();
  const pending = new Set<Promise<void>>();
  let closing: Promise<void> | undefined;
  // Argument validators compile after the transport is up, not in the first call's way.
  setImmediate(() => void runtime.warmUp());

  const write = (body: string): void => {
    output.write(`${body}\n`);
  };

  const handleLine = async (line: string): Promise<void> => {
    if (line.trim() === '') return;
    const started = process.hrtime.bigint();
    const log: RequestLog = {};
    let payload: unknown;
    try {
      payload = JSON.parse(line);
    } catch {
      write(JSON.stringify(errorResponse(undefined, PARSE_ERROR, 'Parse error: the line is not valid JSON')));
      logger.info({ rpcError: PARSE_ERROR }, 'mcp request');
      return;
    }
    const cancelled = cancelledRequestId(payload);
    if (cancelled !== undefined) inFlight.get(cancelled)?.abort();
    const id = requestIdOf(payload);
    const abort = new AbortController();
    if (id !== undefined) inFlight.set(id, abort);
    try {
      const outcome = await dispatcher.handle(payload, { transport: 'stdio', sessionVersion, signal: abort.signal }, runtime, logger, log);
      if (outcome.negotiated) sessionVersion = outcome.negotiated;
      // A cancelled request gets no response (the client stopped waiting).
      if (outcome.body !== undefined && !abort.signal.aborted) write(outcome.body);
    } finally {
      if (id !== undefined && inFlight.get(id) === abort) inFlight.delete(id);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (log.method && !log.method.startsWith('notifications/')) {
        logger.info({ method: log.method, tool: log.tool, rpcError: log.rpcError, isError: log.isError, version: log.version, ms: Math.round(ms * 100) / 100 }, 'mcp request');
      }
    }
  };

  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const task = handleLine(line).catch((err: unknown) => logger.error({ err }, 'stdio message failed'));
    pending.add(task);
    void task.finally(() => pending.delete(task));
  });
  const done = new Promise<void>((resolve) => {
    lines.once('close', () => {
      void Promise.allSettled([...pending]).then(() => resolve());
    });
  });

  return {
    done,
    async setRuntime(next) {
      const previous = runtime;
      runtime = next;
      if (previous !== next) {
        setImmediate(() => void next.warmUp());
        await Promise.allSettled([...pending]);
        await previous.close();
      }
    },
    close() {
      closing ??= (async () => {
        lines.close();
        for (const controller of inFlight.values()) controller.abort();
        await done;
        await runtime.close();
      })();
      return closing;
    },
  };
}
