// The protocol core: one incoming JSON value (or 2025-03-26 batch) in, one serialised reply out.
// Transport-neutral: Streamable HTTP and stdio both call Dispatcher.handle.
import type { Logger } from '../logger.js';
import type { Runtime } from '../runtime.js';
import type { RequestContext, RequestEnvelope, RequestLog } from './context.js';
import {
  INTERNAL_ERROR, INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, HEADER_MISMATCH,
  UNSUPPORTED_PROTOCOL_VERSION, ProtocolError, isProtocolError,
} from './errors.js';
import type { MethodSpec, ProtocolFeature } from './feature.js';
import { checkModernHeaders } from './headers.js';
import { classifyMessage, errorResponse, type JsonRpcRequest } from './jsonrpc.js';
import {
  CLIENT_CAPABILITIES_META_KEY, PROTOCOL_VERSION_META_KEY, decorateModernResult, isRawResult,
  serializeResult, type HandlerResult,
} from './result.js';
import { capabilitiesFor, serverInfoFor } from './server-identity.js';
import {
  DEFAULT_HEADERLESS_VERSION, LATEST_LEGACY_VERSION, SUPPORTED_VERSIONS, isLegacyVersion, isModernVersion,
  negotiateLegacyVersion, type Era,
} from './versions.js';

/** What the transport sends back for one POST body / stdio line. */
export interface DispatchOutcome {
  /** HTTP status (stdio ignores it). */
  readonly status: number;
  /** Serialised JSON-RPC response (or batch array); undefined means "accepted, no body" (202). */
  readonly body?: string;
  /** The version the request was served under, when known (decides the SSE priming event). */
  readonly version?: string;
  /** A legacy `initialize` negotiated this version (stdio remembers it for the process). */
  readonly negotiated?: string;
}

interface ResolvedVersion {
  readonly version: string;
  readonly era: Era;
  readonly clientCapabilities: Readonly<Record<string, unknown>>;
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badEnvelope(code: number, message: string, data?: unknown): ProtocolError {
  return new ProtocolError(code, message, { httpStatus: 400, data });
}

function unsupportedVersion(requested: string): ProtocolError {
  return badEnvelope(UNSUPPORTED_PROTOCOL_VERSION, `Unsupported protocol version: ${requested}`, { supported: SUPPORTED_VERSIONS, requested });
}

/**
 * What a method handler sees. A class so that `signal` is a prototype getter: the HTTP transport
 * makes its AbortController only when asked, and an object literal with a getter would cost every
 * request its own hidden class (see HttpEnvelope in http/mcp-endpoint.ts).
 */
class MethodContext implements RequestContext {
  readonly version: string;
  readonly era: Era;
  readonly clientCapabilities: Readonly<Record<string, unknown>>;
  readonly auth: RequestEnvelope['auth'];
  readonly headers: RequestContext['headers'];

  constructor(
    resolved: ResolvedVersion,
    private readonly envelope: RequestEnvelope,
    readonly logger: Logger,
    readonly runtime: Runtime,
    readonly serverCapabilities: Readonly<Record<string, unknown>>,
    readonly log: RequestLog,
  ) {
    this.version = resolved.version;
    this.era = resolved.era;
    this.clientCapabilities = resolved.clientCapabilities;
    this.auth = envelope.auth;
    this.headers = envelope.transport === 'http' ? envelope.headers : undefined;
  }

  get signal(): AbortSignal {
    return this.envelope.signal;
  }
}

export class Dispatcher {
  private readonly methods = new Map<string, MethodSpec>();
  private readonly capabilityCache = new WeakMap<Runtime, Record<string, unknown>>();

  constructor(private readonly features: readonly ProtocolFeature[]) {
    for (const feature of features) {
      for (const [method, spec] of Object.entries(feature.methods)) {
        if (this.methods.has(method)) throw new Error(`MCP method ${method} is registered twice`);
        this.methods.set(method, spec);
      }
    }
  }

  /** Capabilities advertised for a runtime (computed once per runtime). */
  capabilities(runtime: Runtime): Record<string, unknown> {
    let caps = this.capabilityCache.get(runtime);
    if (!caps) {
      caps = capabilitiesFor(runtime, this.features);
      this.capabilityCache.set(runtime, caps);
    }
    return caps;
  }

  /**
   * Not async itself, nor handleOne: an async function that returns another async function's
   * promise costs two extra microtask turns per layer, on every request.
   */
  handle(payload: unknown, envelope: RequestEnvelope, runtime: Runtime, logger: Logger, log: RequestLog): Promise<DispatchOutcome> {
    try {
      if (Array.isArray(payload)) return this.handleBatch(payload, envelope, runtime, logger, log);
      const outcome = this.handleOne(payload, envelope, runtime, logger, log, false);
      return outcome instanceof Promise ? outcome : Promise.resolve(outcome);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Batches exist only in 2025-03-26; later versions (and 2026-07-28) answer -32600. */
  private async handleBatch(items: unknown[], envelope: RequestEnvelope, runtime: Runtime, logger: Logger, log: RequestLog): Promise<DispatchOutcome> {
    const version = envelope.transport === 'http' ? envelope.headers?.protocolVersion ?? DEFAULT_HEADERLESS_VERSION : envelope.sessionVersion;
    log.method = 'batch';
    if (items.length === 0) return this.envelopeError(undefined, badEnvelope(INVALID_REQUEST, 'Invalid request: empty batch'), log);
    if (version !== '2025-03-26') {
      return this.envelopeError(undefined, badEnvelope(INVALID_REQUEST, `Invalid request: JSON-RPC batches are not supported at protocol version ${version ?? LATEST_LEGACY_VERSION} (only 2025-03-26); send one message per request`), log);
    }
    const outcomes = await Promise.all(items.map((item) => this.handleOne(item, envelope, runtime, logger, {}, true)));
    const bodies = outcomes.flatMap((o) => (o.body === undefined ? [] : [o.body]));
    return bodies.length === 0 ? { status: 202, version } : { status: 200, body: `[${bodies.join(',')}]`, version };
  }

  private handleOne(value: unknown, envelope: RequestEnvelope, runtime: Runtime, logger: Logger, log: RequestLog, inBatch: boolean): DispatchOutcome | Promise<DispatchOutcome> {
    const message = classifyMessage(value);
    switch (message.kind) {
      case 'invalid':
        return this.envelopeError(message.id, badEnvelope(INVALID_REQUEST, `Invalid request: ${message.reason}`), log);
      case 'response':
        return { status: 202 };
      case 'notification':
        log.method = message.message.method;
        return this.acceptNotification(envelope, log);
      case 'request':
        if (inBatch && message.message.method === 'initialize') {
          return this.envelopeError(message.message.id, badEnvelope(INVALID_REQUEST, 'Invalid request: initialize must not be part of a batch'), log);
        }
        return this.handleRequest(message.message, envelope, runtime, logger, log);
    }
  }

  /** Notifications are accepted (202) unless their HTTP version header names a version we do not serve. */
  private acceptNotification(envelope: RequestEnvelope, log: RequestLog): DispatchOutcome {
    const header = envelope.headers?.protocolVersion;
    if (envelope.transport === 'http' && header !== undefined && !isLegacyVersion(header) && !isModernVersion(header)) {
      return this.envelopeError(undefined, unsupportedVersion(header), log);
    }
    return { status: 202 };
  }

  private envelopeError(id: JsonRpcRequest['id'] | undefined, err: ProtocolError, log: RequestLog): DispatchOutcome {
    log.rpcError = err.code;
    return { status: err.httpStatus, body: JSON.stringify(errorResponse(id, err.code, err.message, err.data)) };
  }

  private async handleRequest(request: JsonRpcRequest, envelope: RequestEnvelope, runtime: Runtime, logger: Logger, log: RequestLog): Promise<DispatchOutcome> {
    log.method = request.method;
    const params = request.params ?? {};
    let resolved: ResolvedVersion | undefined;
    try {
      resolved = this.resolveVersion(request.method, params, envelope);
      log.version = resolved.version;
      const spec = this.methods.get(request.method);
      if (resolved.era === 'modern' && envelope.transport === 'http') {
        checkModernHeaders(envelope.headers ?? {}, request.method, params, spec?.nameParam);
      }
      if (!spec || !spec.eras.includes(resolved.era)) {
        throw new ProtocolError(METHOD_NOT_FOUND, `Method not found: ${request.method}`, { httpStatus: resolved.era === 'modern' ? 404 : 200 });
      }
      const ctx = new MethodContext(resolved, envelope, logger, runtime, this.capabilities(runtime), log);
      const result = await spec.handle(params, ctx);
      return {
        status: 200,
        body: this.serialize(request.id, result, resolved, runtime),
        version: resolved.version,
        negotiated: request.method === 'initialize' ? resolved.version : undefined,
      };
    } catch (err) {
      if (isProtocolError(err)) {
        log.rpcError = err.code;
        return { status: err.httpStatus, body: JSON.stringify(errorResponse(request.id, err.code, err.message, err.data)), version: resolved?.version };
      }
      // A bug in our own code: log it, answer a JSON-RPC error, never a stack trace.
      logger.error({ err, method: request.method }, 'internal error while handling a request');
      log.rpcError = INTERNAL_ERROR;
      return { status: 500, body: JSON.stringify(errorResponse(request.id, INTERNAL_ERROR, 'Internal error')), version: resolved?.version };
    }
  }

  /**
   * Which era and version a request speaks. Modern requests carry `_meta` (and, on HTTP, a matching
   * MCP-Protocol-Version header); everything else is legacy, versioned by its header (HTTP) or by
   * the process's `initialize` (stdio).
   */
  private resolveVersion(method: string, params: Record<string, unknown>, envelope: RequestEnvelope): ResolvedVersion {
    if (method === 'initialize') {
      if (typeof params.protocolVersion !== 'string') throw new ProtocolError(INVALID_PARAMS, 'Invalid params: params.protocolVersion must be a string');
      return { version: negotiateLegacyVersion(params.protocolVersion), era: 'legacy', clientCapabilities: isRecord(params.capabilities) ? params.capabilities : EMPTY };
    }
    const meta = isRecord(params._meta) ? params._meta : undefined;
    const metaVersion = meta?.[PROTOCOL_VERSION_META_KEY];
    const header = envelope.headers?.protocolVersion;
    if (meta && metaVersion !== undefined) {
      if (typeof metaVersion !== 'string') throw badEnvelope(INVALID_PARAMS, `Invalid params: _meta["${PROTOCOL_VERSION_META_KEY}"] must be a string`);
      if (envelope.transport === 'http') {
        if (header === undefined) throw badEnvelope(HEADER_MISMATCH, 'Header mismatch: the MCP-Protocol-Version header is required');
        if (header !== metaVersion) throw badEnvelope(HEADER_MISMATCH, `Header mismatch: MCP-Protocol-Version header value '${header}' does not match body value '${metaVersion}'`);
      }
      if (!isModernVersion(metaVersion)) throw unsupportedVersion(metaVersion);
      const caps = meta[CLIENT_CAPABILITIES_META_KEY];
      if (!isRecord(caps)) throw badEnvelope(INVALID_PARAMS, `Invalid params: _meta["${CLIENT_CAPABILITIES_META_KEY}"] is required (an object) at ${metaVersion}`);
      return { version: metaVersion, era: 'modern', clientCapabilities: caps };
    }
    if (envelope.transport === 'http') {
      const version = header ?? DEFAULT_HEADERLESS_VERSION;
      if (isModernVersion(version)) {
        throw badEnvelope(INVALID_PARAMS, `Invalid params: ${version} requests must carry params._meta["${PROTOCOL_VERSION_META_KEY}"] and ["${CLIENT_CAPABILITIES_META_KEY}"]`);
      }
      if (!isLegacyVersion(version)) throw unsupportedVersion(version);
      this.rejectLegacyDiscover(method);
      return { version, era: 'legacy', clientCapabilities: EMPTY };
    }
    this.rejectLegacyDiscover(method);
    return { version: envelope.sessionVersion ?? LATEST_LEGACY_VERSION, era: 'legacy', clientCapabilities: EMPTY };
  }

  /**
   * `server/discover` without the 2026-07-28 `_meta` comes from a client that does not speak the
   * modern era: a plain -32602 (not a "modern" error code) tells dual-era clients to fall back to
   * `initialize`.
   */
  private rejectLegacyDiscover(method: string): void {
    if (method === 'server/discover') {
      throw badEnvelope(INVALID_PARAMS, `Invalid params: server/discover needs params._meta["${PROTOCOL_VERSION_META_KEY}"] (2026-07-28); legacy clients use initialize`);
    }
  }

  private serialize(id: JsonRpcRequest['id'], result: HandlerResult, resolved: ResolvedVersion, runtime: Runtime): string {
    if (isRawResult(result)) return serializeResult(id, result.raw);
    const body = resolved.era === 'modern' ? decorateModernResult(result, serverInfoFor(runtime, resolved.version)) : result;
    return JSON.stringify({ jsonrpc: '2.0', id, result: body });
  }
}
