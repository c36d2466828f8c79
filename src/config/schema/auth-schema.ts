// JSON Schema for the `auth:` section. `mode: oauth` keys are typed loosely so the OAuth module can refine them.
import type { JsonSchema } from '../types.js';

/** A duration: seconds as an integer, or a string such as "3600", "15m", "12h", "30d". */
const duration: JsonSchema = {
  type: ['integer', 'string'],
  minimum: 1,
  pattern: '^[0-9]+\\s*(s|m|h|d)?$',
  description: 'Seconds (integer) or a duration string like "15m", "12h", "30d".',
};

const oauthProperties: Record<string, JsonSchema> = {
  users: {
    type: 'array',
    description: 'Local users who may sign in on the built-in login page.',
    items: {
      type: 'object',
      properties: {
        username: { type: 'string', minLength: 1 },
        password: { type: 'string', description: 'Plain password (use ${ENV_VAR}); hashed at rest.' },
        passwordHash: { type: 'string', description: 'A precomputed password hash (see `mcp-devmode users`).' },
        scopes: { type: 'array', items: { type: 'string' } },
      },
    },
  },
  scopes: {
    type: ['array', 'object'],
    description: 'Scopes the server offers: a list of names, or a map of name → description.',
    items: { type: 'string' },
    additionalProperties: { type: 'string' },
  },
  accessTokenTtl: { ...duration, description: 'Access token lifetime. ' + String(duration.description) },
  refreshTokenTtl: { ...duration, description: 'Refresh token lifetime. ' + String(duration.description) },
  clients: {
    type: 'array',
    description: 'Pre-registered OAuth clients (dynamic client registration stays available).',
    items: { type: 'object' },
  },
  supabase: {
    type: 'object',
    description: 'Delegate sign-in to a Supabase project.',
  },
  allowDemo: { type: 'boolean', description: 'Allow a demo user (development only).' },
  loginRateLimit: {
    type: ['integer', 'object'],
    minimum: 1,
    description: 'Failed logins allowed per window: a number, or { max, windowSeconds }.',
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
  allOf: [{ if: { properties: { mode: { const: 'oauth' } }, required: ['mode'] }, then: { properties: oauthProperties } }],
  unevaluatedProperties: false,
};
