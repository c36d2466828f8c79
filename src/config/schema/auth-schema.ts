// JSON Schema for the `auth:` section. `mode: oauth` keys are typed loosely so the OAuth module can refine them.
import type { JsonSchema } from '../types.js';

/** A duration: seconds as an integer, or a string such as "3600", "15m", "12h", "30d". */
const duration: JsonSchema = {
  type: ['integer', 'string'],
  minimum: 1,
  pattern: '^[0-9]+\\s*(s|m|h|d)?$',
  description: 'Seconds (integer) or a duration string like "15m", "12h", "30d".',
};

// RFC 6749 scope-token characters.
const scopeName: JsonSchema = { type: 'string', pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$', description: 'A scope name, e.g. mcp:read.' };

const oauthProperties: Record<string, JsonSchema> = {
  users: {
    enum: ['local', 'supabase', 'demo'],
    default: 'local',
    description: 'Who may sign in: local users kept in the store (`mcp-devmode users add`), a Supabase project, or a one-click demo user (development only).',
  },
  scopes: {
    type: ['array', 'object'],
    description: 'Scopes the server offers (default [mcp:read, mcp:write]): a list of names, or a map of name → description shown on the consent page.',
    items: scopeName,
    propertyNames: scopeName,
    additionalProperties: { type: 'string' },
  },
  accessTokenTtl: { ...duration, description: 'Access token lifetime (default 1h). ' + String(duration.description) },
  refreshTokenTtl: { ...duration, description: 'Refresh token lifetime (default 30d); each refresh rotates it. ' + String(duration.description) },
  clients: {
    type: 'array',
    description: 'Pre-registered OAuth clients (dynamic registration and client metadata documents stay available).',
    items: {
      type: 'object',
      required: ['id', 'redirectUris'],
      properties: {
        id: { type: 'string', minLength: 1, description: 'client_id' },
        secret: { type: 'string', minLength: 1, description: 'client_secret (use ${ENV_VAR}); omit for a public client using PKCE only.' },
        name: { type: 'string', description: 'Shown on the consent page.' },
        redirectUris: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Exact redirect URIs (https, or http on localhost).' },
      },
      additionalProperties: false,
    },
  },
  supabase: {
    type: 'object',
    description: 'With users: supabase, the Supabase project that checks passwords.',
    required: ['url', 'anonKey'],
    properties: {
      url: { type: 'string', minLength: 1, description: 'Project URL, e.g. ${SUPABASE_URL}.' },
      anonKey: { type: 'string', minLength: 1, description: 'Anon (public) key, e.g. ${SUPABASE_ANON_KEY}.' },
    },
    additionalProperties: false,
  },
  allowDemo: { type: 'boolean', description: 'Allow users: demo even when NODE_ENV=production (not recommended).' },
  loginRateLimit: {
    type: ['integer', 'object'],
    minimum: 1,
    description: 'Failed sign-ins allowed per account per window (default 10 per 15 min; per IP three times that): a number, or { max, windowSeconds }.',
    properties: { max: { type: 'integer', minimum: 1 }, windowSeconds: duration },
    additionalProperties: false,
  },
};

export const authSchema: JsonSchema = {
  type: 'object',
  title: 'Authentication',
  description: 'none: anyone may call the tools. oauth: MCP clients sign users in with OAuth 2.1 (PKCE) first.',
  required: ['mode'],
  properties: {
    mode: { enum: ['none', 'oauth'], default: 'none', description: 'none (default) or oauth.' },
  },
  allOf: [{ if: { properties: { mode: { const: 'oauth' } }, required: ['mode'] }, then: { properties: oauthProperties, if: { properties: { users: { const: 'supabase' } }, required: ['users'] }, then: { required: ['supabase'] } } }],
  unevaluatedProperties: false,
};
