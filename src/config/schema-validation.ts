// Validates config data against the composed JSON Schema and turns ajv's errors into one readable
// issue per place, with did-you-mean for unknown keys and kinds. The validator is the one the build
// precompiled when it matches the schema (schema/precompiled.ts), else compiled here once.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ToolKind } from '../runtime/tools/types.js';
import { closestMatch, suggestionHint } from './did-you-mean.js';
import { pathKey } from './env-interpolation.js';
import { buildConfigSchema } from './schema/config-schema.js';
import { loadPrecompiledValidator } from './schema/precompiled.js';
import type { JsonSchema } from './types.js';
import type { DocPath, IssueInput } from './yaml-source.js';

type Path = (string | number)[];

/** Validators for the kind sets seen so far (most recent first, a few at most). */
const compiled: { kinds: readonly ToolKind[]; validate: ValidateFunction }[] = [];

/** Compiles the config schema at run time: for tool kinds the build did not see, or before a build. */
export async function compileConfigValidator(schema: JsonSchema): Promise<ValidateFunction> {
  const { createAjv } = await import('./ajv.js');
  // The composed schema is checked against the meta-schema by a test, not on every start.
  return createAjv({ checkSchemas: false }).compile(schema);
}

async function validatorFor(kinds: readonly ToolKind[]): Promise<ValidateFunction> {
  // Keyed by the kind objects themselves: callers (tests especially) often pass a fresh array.
  const hit = compiled.find((c) => c.kinds.length === kinds.length && c.kinds.every((k, i) => k === kinds[i]));
  if (hit) return hit.validate;
  const schema = buildConfigSchema(kinds);
  const validate = loadPrecompiledValidator(schema) ?? (await compileConfigValidator(schema));
  compiled.unshift({ kinds: [...kinds], validate });
  compiled.length = Math.min(compiled.length, 8);
  return validate;
}

/**
 * Validates `data` in place. Strings that came from `${VAR}` substitution are coerced to the
 * number/integer/boolean the schema wants (only those: a quoted "8080" in the file stays a string).
 */
export async function validateConfigData(data: unknown, kinds: readonly ToolKind[], substitutedPaths: ReadonlySet<string>): Promise<IssueInput[]> {
  const validate = await validatorFor(kinds);
  // Each pass can coerce values whose type error only shows once a sibling discriminator is valid.
  for (let pass = 0; pass < 4; pass++) {
    if (validate(data)) return [];
    const errors = validate.errors ?? [];
    if (!coerceSubstituted(data, errors, substitutedPaths)) return describeErrors(errors, data, kinds, substitutedPaths);
  }
  return validate(data) ? [] : describeErrors(validate.errors ?? [], data, kinds, substitutedPaths);
}

function coerceSubstituted(data: unknown, errors: readonly ErrorObject[], substitutedPaths: ReadonlySet<string>): boolean {
  let changed = false;
  for (const error of errors) {
    if (error.keyword !== 'type') continue;
    const path = toPath(error.instancePath, data);
    if (!substitutedPaths.has(pathKey(path)) || typeof error.data !== 'string') continue;
    const wanted = ([] as string[]).concat(error.params.type as string | string[]);
    const coerced = coerceString(error.data, wanted);
    if (coerced === undefined) continue;
    setAt(data, path, coerced);
    changed = true;
  }
  return changed;
}

function coerceString(value: string, wanted: readonly string[]): number | boolean | undefined {
  const text = value.trim();
  if (wanted.includes('integer') && /^-?\d+$/.test(text)) return Number(text);
  if (wanted.includes('number') && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (wanted.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return undefined;
}

/** ajv's "/tools/2/url" as ['tools', 2, 'url'] (numbers only where the data has an array). */
function toPath(pointer: string, data: unknown): Path {
  if (!pointer) return [];
  const path: Path = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: string | number = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    path.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}

function getAt(data: unknown, path: DocPath): unknown {
  let node = data;
  for (const step of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

function setAt(data: unknown, path: DocPath, value: unknown): void {
  const parent = getAt(data, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') (parent as Record<string | number, unknown>)[path[path.length - 1] as string] = value;
}

/** `tools[2].url`, `server.port`, or "the top level". */
export function describePath(path: DocPath): string {
  if (path.length === 0) return 'the top level';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const isUnder = (path: Path, ancestor: Path): boolean =>
  path.length > ancestor.length && ancestor.every((s, i) => s === path[i]);

const COMBINATORS = new Set(['if', 'allOf', 'anyOf', 'oneOf', 'not', 'then', 'else']);
const DISCRIMINATORS = ['kind', 'mode'];
// Lower is more relevant when several keywords fail at one place.
const PRIORITY: Record<string, number> = { type: 0, required: 1, enum: 2, const: 2, unevaluatedProperties: 3, additionalProperties: 3 };

interface Located {
  readonly error: ErrorObject;
  readonly path: Path;
}

function describeErrors(
  errors: readonly ErrorObject[],
  data: unknown,
  kinds: readonly ToolKind[],
  substitutedPaths: ReadonlySet<string>,
): IssueInput[] {
  let located: Located[] = errors
    // propertyNames reports the bad name itself; its nested pattern error adds nothing.
    .filter((e) => !(e.keyword === 'pattern' && e.schemaPath.includes('/propertyNames/')))
    .map((error) => ({ error, path: toPath(error.instancePath, data) }));

  if (located.some((l) => !COMBINATORS.has(l.error.keyword))) located = located.filter((l) => !COMBINATORS.has(l.error.keyword));

  // A wrong type at a place explains everything below it.
  const typeErrors = located.filter((l) => l.error.keyword === 'type').map((l) => l.path);
  located = located.filter((l) => !typeErrors.some((t) => isUnder(l.path, t)));

  // With a missing or unknown kind/mode we cannot know which keys are allowed: report only that.
  const undecided = located
    .filter((l) => isDiscriminatorError(l))
    .map((l) => (l.error.keyword === 'required' ? l.path : l.path.slice(0, -1)));
  const undecidedKeys = new Set(undecided.map(pathKey));
  located = located.filter((l) => !(l.error.keyword === 'unevaluatedProperties' && undecidedKeys.has(pathKey(l.path))));

  const byPlace = new Map<string, Located[]>();
  for (const l of located) {
    const place = placeKey(l);
    byPlace.set(place, [...(byPlace.get(place) ?? []), l]);
  }

  const issues: IssueInput[] = [];
  for (const group of byPlace.values()) {
    group.sort((a, b) => (PRIORITY[a.error.keyword] ?? 9) - (PRIORITY[b.error.keyword] ?? 9));
    const best = group[0] as Located;
    if (best.error.keyword === 'required') {
      const missing = group.filter((g) => g.error.keyword === 'required').map((g) => String(g.error.params.missingProperty));
      issues.push(missingKeys(best.path, missing));
    } else {
      issues.push(describeOne(best, data, kinds, substitutedPaths));
    }
  }
  return issues;
}

function isDiscriminatorError(l: Located): boolean {
  if (l.error.keyword === 'required') return DISCRIMINATORS.includes(String(l.error.params.missingProperty));
  return l.error.keyword === 'enum' && DISCRIMINATORS.includes(String(l.path[l.path.length - 1]));
}

function placeKey(l: Located): string {
  const key = l.error.params.additionalProperty ?? l.error.params.unevaluatedProperty ?? l.error.params.propertyName;
  return key === undefined ? pathKey(l.path) : `${pathKey(l.path)}#${String(key)}`;
}

function missingKeys(path: Path, missing: string[]): IssueInput {
  const where = path.length ? `${describePath(path)} is missing` : 'missing';
  const list = missing.map((m) => `"${m}"`).join(', ');
  return {
    code: 'missing-key',
    path,
    message: `${where} required key${missing.length > 1 ? 's' : ''} ${list}`,
    hint: `add ${missing.map((m) => `${m}: …`).join(' and ')}${path.length ? ` under ${describePath(path)}` : ''}`,
  };
}

function describeOne(l: Located, data: unknown, kinds: readonly ToolKind[], substitutedPaths: ReadonlySet<string>): IssueInput {
  const { error, path } = l;
  const where = describePath(path);
  const schema = (error.parentSchema ?? {}) as JsonSchema;
  const value = error.data;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
      const parent = getAt(data, path);
      const allowed = allowedKeys(schema, parent);
      const kind = path[0] === 'tools' && path.length === 2 ? (parent as { kind?: unknown }).kind : undefined;
      const scope = path.length === 0 ? 'unknown top-level key' : `unknown key in ${where}${typeof kind === 'string' ? ` (kind ${kind})` : ''}:`;
      return { code: 'unknown-key', path: [...path, key], atKey: true, message: `${scope} "${key}"`, hint: suggestionHint(key, allowed) };
    }
    case 'propertyNames': {
      const key = String(error.params.propertyName);
      return {
        code: 'invalid-value',
        path: [...path, key],
        atKey: true,
        message: `invalid name "${key}" in ${where}`,
        hint: 'use letters, digits, "_" and "-" only',
      };
    }
    case 'type': {
      const wanted = ([] as string[]).concat(error.params.type as string | string[]);
      const fromEnv = substitutedPaths.has(pathKey(path));
      let hint = `write ${wanted.map(article).join(' or ')} here`;
      if (path.length === 1 && path[0] === 'version' && typeof value === 'number') hint = 'quote it so YAML keeps it as text, e.g. version: "1.0"';
      else if (fromEnv) hint = `this value came from an environment variable; set it to ${wanted.map(article).join(' or ')}`;
      return { code: 'wrong-type', path, message: `${where} must be ${wanted.map(article).join(' or ')}, not ${describeValue(value)}`, hint };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const isKind = path[0] === 'tools' && path[2] === 'kind' && path.length === 3;
      if (isKind) {
        const match = closestMatch(String(value), allowed);
        return {
          code: 'unknown-kind',
          path,
          message: `unknown tool kind ${describeValue(value)}`,
          hint: `${match ? `did you mean "${match}"? ` : ''}known kinds: ${kinds.map((k) => k.kind).join(', ')}`,
        };
      }
      const match = typeof value === 'string' ? closestMatch(value, allowed) : undefined;
      return {
        code: 'invalid-value',
        path,
        message: `${where} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${describeValue(value)}`,
        ...(match ? { hint: `did you mean "${match}"?` } : {}),
      };
    }
    case 'const':
      if (path[path.length - 1] === 'type' && (path[path.length - 2] === 'inputSchema' || path[path.length - 2] === 'outputSchema')) {
        return {
          code: 'input-schema',
          path,
          message: `${describePath(path.slice(0, -1))} must be an object schema (type: object), not type ${describeValue(value)}`,
          hint: 'MCP tools take a JSON object of named arguments: put each argument under properties:',
        };
      }
      return { code: 'invalid-value', path, message: `${where} must be ${JSON.stringify(error.params.allowedValue)}, not ${describeValue(value)}` };
    case 'pattern': {
      if (path[0] === 'tools' && path[2] === 'name') {
        return {
          code: 'invalid-value',
          path,
          message: `invalid tool name ${describeValue(value)}`,
          hint: 'tool names are 1-128 characters of letters, digits, "_", "-" and "." (no spaces)',
        };
      }
      const description = typeof schema.description === 'string' ? schema.description : `match ${String(error.params.pattern)}`;
      return { code: 'invalid-value', path, message: `${where} has an invalid value ${describeValue(value)}`, hint: `expected: ${description}` };
    }
    case 'format':
      return { code: 'invalid-value', path, message: `${where} is not a valid ${String(error.params.format)}: ${describeValue(value)}` };
    default: {
      const description = typeof schema.description === 'string' ? schema.description : undefined;
      return {
        code: 'invalid-value',
        path,
        message: `${where} ${error.message ?? 'is invalid'}`,
        ...(description ? { hint: `expected: ${description}` } : {}),
      };
    }
  }
}

/** Keys allowed on an object: its properties plus those of every if/then branch its data selects. */
function allowedKeys(schema: JsonSchema, value: unknown): string[] {
  const keys = new Set(Object.keys((schema.properties as JsonSchema | undefined) ?? {}));
  for (const branch of (schema.allOf as JsonSchema[] | undefined) ?? []) {
    const condition = (branch.if as { properties?: Record<string, { const?: unknown }> } | undefined)?.properties;
    if (!condition || value === null || typeof value !== 'object') continue;
    const selected = Object.entries(condition).every(([k, s]) => (value as Record<string, unknown>)[k] === s.const);
    if (selected) for (const k of Object.keys(((branch.then as JsonSchema | undefined)?.properties as JsonSchema | undefined) ?? {})) keys.add(k);
  }
  return [...keys];
}

function article(type: string): string {
  return { integer: 'an integer', object: 'a mapping (key: value)', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false', null: 'null' }[type] ?? type;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return `${typeof value} ${String(value)}`;
}
