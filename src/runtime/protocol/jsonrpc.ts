// JSON-RPC 2.0 message shapes, classification of an incoming value, and response builders.
import { INVALID_REQUEST, ProtocolError } from './errors.js';

export type RequestId = string | number;

export interface JsonRpcRequest {
  readonly jsonrpc: '2.0';
  readonly id: RequestId;
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

export interface JsonRpcNotification {
  readonly jsonrpc: '2.0';
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

export interface JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

export interface JsonRpcErrorResponse {
  readonly jsonrpc: '2.0';
  /** Absent when the request's id could not be read (2025-11-25+ allow this). */
  readonly id?: RequestId;
  readonly error: JsonRpcErrorObject;
}

export interface JsonRpcResultResponse {
  readonly jsonrpc: '2.0';
  readonly id: RequestId;
  readonly result: Record<string, unknown>;
}

export type JsonRpcResponse = JsonRpcResultResponse | JsonRpcErrorResponse;

/** What one incoming JSON value turned out to be. */
export type IncomingMessage =
  | { readonly kind: 'request'; readonly message: JsonRpcRequest }
  | { readonly kind: 'notification'; readonly message: JsonRpcNotification }
  | { readonly kind: 'response' }
  | { readonly kind: 'invalid'; readonly id?: RequestId; readonly reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is RequestId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
}

/** Classifies one parsed JSON value (not an array) without trusting any of it. */
export function classifyMessage(value: unknown): IncomingMessage {
  if (!isRecord(value)) return { kind: 'invalid', reason: 'a JSON-RPC message must be an object' };
  const id = isRequestId(value.id) ? value.id : undefined;
  if (value.jsonrpc !== '2.0') return { kind: 'invalid', id, reason: 'jsonrpc must be "2.0"' };
  if ('method' in value) {
    if (typeof value.method !== 'string' || value.method === '') return { kind: 'invalid', id, reason: 'method must be a non-empty string' };
    if (value.params !== undefined && !isRecord(value.params)) return { kind: 'invalid', id, reason: 'params must be an object' };
    if (!('id' in value)) return { kind: 'notification', message: value as unknown as JsonRpcNotification };
    if (id === undefined) return { kind: 'invalid', reason: 'id must be a string or an integer (not null)' };
    return { kind: 'request', message: value as unknown as JsonRpcRequest };
  }
  if (('result' in value || 'error' in value) && 'id' in value) return { kind: 'response' };
  return { kind: 'invalid', id, reason: 'not a request, notification or response' };
}

export function errorResponse(id: RequestId | undefined, code: number, message: string, data?: unknown): JsonRpcErrorResponse {
  const error: JsonRpcErrorObject = data === undefined ? { code, message } : { code, message, data };
  return id === undefined ? { jsonrpc: '2.0', error } : { jsonrpc: '2.0', id, error };
}

export function errorFromProtocolError(id: RequestId | undefined, err: ProtocolError): JsonRpcErrorResponse {
  return errorResponse(id, err.code, err.message, err.data);
}

/** Parameters as an object (absent params read as empty). */
export function paramsOf(message: { readonly params?: Record<string, unknown> }): Record<string, unknown> {
  return message.params ?? {};
}

/** A required string param, or -32602. */
export function requireString(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== 'string') throw new ProtocolError(-32602, `params.${key} must be a string`);
  return value;
}

export const invalidRequest = (reason: string): ProtocolError => new ProtocolError(INVALID_REQUEST, `Invalid request: ${reason}`, { httpStatus: 400 });
