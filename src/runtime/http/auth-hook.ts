// The seam the OAuth layer plugs into: its express routes, a per-request authenticate hook evaluated
// before dispatch, and the challenge text for per-tool auth. Without a layer everyone is anonymous.
import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import type { ToolAuthChallenge } from '../runtime.js';
import type { AuthInfo } from '../tools/types.js';

export type AuthDecision =
  /** No credentials (or none needed): dispatch anonymously; per-tool auth may still refuse. */
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'authenticated'; readonly auth: AuthInfo }
  /** Answer the HTTP request now (401 invalid/missing token, 403 insufficient scope). */
  | {
      readonly kind: 'reject';
      readonly status: 401 | 403;
      readonly wwwAuthenticate: string;
      /** JSON-RPC-shaped error message for the body (a generic one otherwise). */
      readonly message?: string;
    };

export interface AuthLayer {
  /** Adds routes (metadata documents, /authorize, /token, …) to the non-hot express app, once at start. */
  install?(app: Express): void | Promise<void>;
  /** Evaluated for every POST to the MCP endpoint before the body is read. */
  authenticate(req: IncomingMessage): AuthDecision | Promise<AuthDecision>;
  /** The `_meta["mcp/www_authenticate"]` challenge for tools that need auth (pass to createRuntime). */
  readonly toolChallenge?: ToolAuthChallenge;
  close?(): Promise<void>;
}

export const ANONYMOUS: AuthDecision = Object.freeze({ kind: 'anonymous' });
