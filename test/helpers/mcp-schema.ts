// Validates messages our server sends against the official MCP JSON Schema of their protocol
// version (schema/mcp-spec/<version>.schema.json, the same files `doctor` ships with).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';

const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

export const SCHEMA_VERSIONS = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

const schemaDir = fileURLToPath(new URL('../../schema/mcp-spec/', import.meta.url));

interface VersionSchemas {
  readonly ajv: Ajv | Ajv2020;
  readonly id: string;
  readonly defsKey: 'definitions' | '$defs';
  readonly defs: Record<string, unknown>;
  readonly cache: Map<string, ValidateFunction>;
}

const loaded = new Map<string, VersionSchemas>();

function schemasFor(version: string): VersionSchemas {
  let entry = loaded.get(version);
  if (entry) return entry;
  if (!(SCHEMA_VERSIONS as readonly string[]).includes(version)) throw new Error(`no MCP schema for version ${version}`);
  const schema = JSON.parse(readFileSync(`${schemaDir}${version}.schema.json`, 'utf8')) as Record<string, unknown>;
  const draft2020 = String(schema.$schema).includes('2020-12');
  const ajv = draft2020 ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = `mcp-${version}`;
  ajv.addSchema({ ...schema, $id: id });
  const defsKey = draft2020 ? '$defs' : 'definitions';
  entry = { ajv, id, defsKey, defs: schema[defsKey] as Record<string, unknown>, cache: new Map() };
  loaded.set(version, entry);
  return entry;
}

/** Whether the version's schema defines a type (e.g. DiscoverResult only exists in 2026-07-28). */
export function hasDefinition(version: string, name: string): boolean {
  return name in schemasFor(version).defs;
}

function validatorFor(version: string, name: string): ValidateFunction {
  const s = schemasFor(version);
  let fn = s.cache.get(name);
  if (!fn) {
    if (!(name in s.defs)) throw new Error(`MCP ${version} schema has no definition ${name}`);
    fn = s.ajv.getSchema(`${s.id}#/${s.defsKey}/${name}`)!;
    s.cache.set(name, fn);
  }
  return fn;
}

/** Problems with `value` as the named definition (empty when valid). */
export function schemaErrors(version: string, name: string, value: unknown): string[] {
  const validate = validatorFor(version, name);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The result type each method answers with, per version. */
const RESULT_TYPES: Readonly<Record<string, string>> = {
  initialize: 'InitializeResult',
  ping: 'EmptyResult',
  'tools/list': 'ListToolsResult',
  'tools/call': 'CallToolResult',
  'server/discover': 'DiscoverResult',
  'resources/list': 'ListResourcesResult',
  'resources/templates/list': 'ListResourceTemplatesResult',
  'resources/read': 'ReadResourceResult',
  'prompts/list': 'ListPromptsResult',
  'prompts/get': 'GetPromptResult',
};

const MODERN_ERRORS: Readonly<Record<number, string>> = {
  [-32020]: 'HeaderMismatchError',
  [-32021]: 'MissingRequiredClientCapabilityError',
  [-32022]: 'UnsupportedProtocolVersionError',
};

/**
 * Every schema problem of one server→client message, answering `method` at `version`:
 * the JSON-RPC envelope, the method's result type, and for 2026-07-28 the specific error types.
 */
export function serverMessageErrors(version: string, method: string | undefined, message: unknown): string[] {
  const errors: string[] = [];
  const m = message as { result?: unknown; error?: { code?: number }; id?: unknown };
  const responseDef = hasDefinition(version, 'JSONRPCResponse') ? 'JSONRPCResponse' : 'JSONRPCMessage';
  if (m && typeof m === 'object' && 'error' in m) {
    const errorDef = hasDefinition(version, 'JSONRPCErrorResponse') ? 'JSONRPCErrorResponse' : 'JSONRPCError';
    errors.push(...schemaErrors(version, errorDef, message));
    const specific = MODERN_ERRORS[m.error?.code ?? 0];
    if (specific && hasDefinition(version, specific)) errors.push(...schemaErrors(version, specific, message));
    return errors;
  }
  errors.push(...schemaErrors(version, responseDef, message));
  const resultType = method ? RESULT_TYPES[method] : undefined;
  if (resultType && 'result' in m) {
    if (hasDefinition(version, resultType)) errors.push(...schemaErrors(version, resultType, m.result));
    else errors.push(`${resultType} does not exist at ${version}: ${method} must not be answered with a result`);
  }
  return errors;
}
