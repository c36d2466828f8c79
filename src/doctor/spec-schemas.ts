// Validates every message a server sends against the official MCP JSON Schema of the version it speaks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { packageRoot } from '../package-info.js';

/** Versions whose official schema ships in schema/mcp-spec/. */
export const SPEC_VERSIONS = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
export const LEGACY_VERSIONS: readonly SpecVersion[] = ['2025-03-26', '2025-06-18', '2025-11-25'];
export const MODERN_VERSION: SpecVersion = '2026-07-28';

export function isSpecVersion(v: unknown): v is SpecVersion {
  return typeof v === 'string' && (SPEC_VERSIONS as readonly string[]).includes(v);
}

/** The result definition each method's reply must match. */
const RESULT_DEFS: Readonly<Record<string, string>> = {
  initialize: 'InitializeResult',
  'tools/list': 'ListToolsResult',
  'tools/call': 'CallToolResult',
  'server/discover': 'DiscoverResult',
};

export interface SchemaViolation {
  readonly version: SpecVersion;
  readonly method: string;
  readonly definition: string;
  /** Up to three ajv errors as "path: message". */
  readonly errors: readonly string[];
}

// ajv-formats is CommonJS: under NodeNext the plugin function sits on the module's `default` property.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

interface LoadedSpec {
  readonly ajv: Ajv;
  readonly defsKey: 'definitions' | '$defs';
  readonly id: string;
}

const loaded = new Map<SpecVersion, LoadedSpec>();
const compiled = new Map<string, ValidateFunction>();

export function specSchemaPath(version: SpecVersion): string {
  return join(packageRoot, 'schema', 'mcp-spec', `${version}.schema.json`);
}

function loadSpec(version: SpecVersion): LoadedSpec {
  const existing = loaded.get(version);
  if (existing) return existing;
  const schema = JSON.parse(readFileSync(specSchemaPath(version), 'utf8')) as Record<string, unknown>;
  const draft2020 = String(schema.$schema ?? '').includes('2020-12');
  // Older schemas are draft-07 (definitions), newer ones draft 2020-12 ($defs).
  const ajv = draft2020 ? new Ajv2020({ strict: false, validateSchema: false }) : new Ajv({ strict: false, validateSchema: false });
  addFormats(ajv);
  ajv.addFormat('uri-template', true);
  const id = `https://modelcontextprotocol.io/schema/${version}.json`;
  const { $schema: _ignored, ...body } = schema;
  ajv.addSchema({ ...body, $id: id });
  const spec: LoadedSpec = { ajv, defsKey: draft2020 ? '$defs' : 'definitions', id };
  loaded.set(version, spec);
  return spec;
}

function validatorFor(version: SpecVersion, definition: string): ValidateFunction {
  const key = `${version}#${definition}`;
  let fn = compiled.get(key);
  if (!fn) {
    const spec = loadSpec(version);
    const found = spec.ajv.getSchema(`${spec.id}#/${spec.defsKey}/${definition}`);
    if (!found) throw new Error(`schema ${version} has no definition ${definition}`);
    fn = found;
    compiled.set(key, fn);
  }
  return fn;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** The JSON-RPC error definition name differs between versions. */
function errorDefinition(version: SpecVersion): string {
  return version === '2025-03-26' || version === '2025-06-18' ? 'JSONRPCError' : 'JSONRPCErrorResponse';
}

function resultEnvelopeDefinition(version: SpecVersion): string {
  return version === '2025-03-26' || version === '2025-06-18' ? 'JSONRPCResponse' : 'JSONRPCResultResponse';
}

/**
 * Checks one JSON-RPC reply: the envelope (result or error) and, for known methods, the result shape.
 * Returns undefined when valid.
 */
export function validateReply(version: SpecVersion, method: string, message: unknown): SchemaViolation | undefined {
  const isError = typeof message === 'object' && message !== null && 'error' in message;
  const envelope = isError ? errorDefinition(version) : resultEnvelopeDefinition(version);
  const envelopeCheck = validatorFor(version, envelope);
  if (!envelopeCheck(message)) return { version, method, definition: envelope, errors: describe(envelopeCheck.errors) };
  if (isError) return undefined;
  const resultDef = RESULT_DEFS[method];
  if (!resultDef) return undefined;
  const resultCheck = validatorFor(version, resultDef);
  const result = (message as { result?: unknown }).result;
  if (!resultCheck(result)) return { version, method, definition: resultDef, errors: describe(resultCheck.errors) };
  return undefined;
}
