// Tool-argument validation: each tool's inputSchema compiled once (ajv, JSON Schema 2020-12) into a
// fast check that fills defaults and explains the first problem in plain English.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { JsonSchema } from '../../config/types.js';

export type ArgumentCheck =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly message: string };

/** Validates one tools/call `arguments` value (filling defaults into it); never throws. */
export type ArgumentValidator = (args: unknown) => ArgumentCheck;

/** A tool's input schema that ajv cannot compile (config validation normally catches this first). */
export class ArgumentSchemaError extends Error {
  readonly code = 'invalid_input_schema';
  readonly hint = 'Fix the tool\'s inputSchema (JSON Schema 2020-12) in mcp.yaml';
  constructor(readonly tool: string, message: string) {
    super(`Tool "${tool}": its inputSchema cannot be compiled: ${message}`);
    this.name = 'ArgumentSchemaError';
  }
}

// ajv-formats is CJS with a default export; under NodeNext the callable sits on .default.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

let sharedAjv: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  if (!sharedAjv) {
    // strict off: user schemas carry annotations/vendor keywords ajv does not know.
    // coerceTypes off: "5" for an integer is the model's mistake to hear about, not to paper over.
    // validateSchema off: the config checks already validated user schemas against the meta-schema;
    // compiling the meta-schema again here cost ~60–200 ms of every start (ajv still rejects broken types).
    sharedAjv = new Ajv2020({ strict: false, useDefaults: true, coerceTypes: false, allErrors: false, validateSchema: false });
    addFormats(sharedAjv);
  }
  return sharedAjv;
}

const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';

/** Compiles one input schema. Call once per tool (the runtime does on its first call), not per request. */
export function compileArgumentValidator(toolName: string, schema: JsonSchema): ArgumentValidator {
  // Tools written for older drafts name their meta-schema; the keywords we validate are the same.
  const declared = schema.$schema;
  const usable = typeof declared === 'string' && declared.replace(/#$/, '') !== DRAFT_2020
    ? Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema'))
    : schema;
  let validate: ValidateFunction;
  try {
    validate = ajv().compile(usable);
  } catch (err) {
    throw new ArgumentSchemaError(toolName, err instanceof Error ? err.message : String(err));
  }
  return (args: unknown): ArgumentCheck => {
    // A missing `arguments` is an empty object (MCP allows omitting it).
    if (args === undefined || args === null) args = {};
    if (typeof args !== 'object' || Array.isArray(args)) {
      return { ok: false, message: 'arguments must be an object' };
    }
    // Defaults are written into `args` itself: it is the request's freshly parsed JSON, and a copy
    // ({...args}) made validation ~20x slower once ajv added a default to it.
    const value = args as Record<string, unknown>;
    if (validate(value)) return { ok: true, value };
    return { ok: false, message: describeArgumentError(validate.errors?.[0]) };
  };
}

/** One validator per tool name, each compiled once. */
export function compileArgumentValidators(tools: readonly { readonly name: string; readonly inputSchema: JsonSchema }[]): Map<string, ArgumentValidator> {
  return new Map(tools.map((tool) => [tool.name, compileArgumentValidator(tool.name, tool.inputSchema)]));
}

/** JSON pointer "/filter/tags/0" → "filter.tags[0]". */
function argumentPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : (path ? `.${segment}` : segment);
  }
  return path;
}

function joinPath(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false',
  object: 'an object', array: 'an array', null: 'null',
};

function typeName(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What is wrong with the value, in words (without the argument's name). */
function describeProblem(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${typeName(p.type)}`;
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'minLength':
      return `must be at least ${plural(Number(p.limit), 'character')} long`;
    case 'maxLength':
      return `must be at most ${plural(Number(p.limit), 'character')} long`;
    case 'minItems':
      return `must have at least ${plural(Number(p.limit), 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(Number(p.limit), 'item')}`;
    case 'pattern':
      return `must match the pattern ${String(p.pattern)}`;
    case 'format':
      return `must be a valid ${String(p.format)}`;
    default:
      // ajv's own wording is already plain for the rest: "must be <= 1000", "must be multiple of 5".
      return error.message ?? 'is not valid';
  }
}

/** The first ajv error as a sentence naming the argument. */
export function describeArgumentError(error: ErrorObject | undefined): string {
  if (!error) return 'arguments are not valid';
  const path = argumentPath(error.instancePath);
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `missing required argument "${joinPath(path, String(p.missingProperty))}"`;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = String(p.additionalProperty ?? p.unevaluatedProperty);
    return `unknown argument "${joinPath(path, name)}"`;
  }
  const subject = path ? `argument "${path}"` : 'arguments';
  return `${subject} ${describeProblem(error)}`;
}
