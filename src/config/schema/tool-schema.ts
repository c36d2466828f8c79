// JSON Schema for one `tools:` entry: the keys every kind shares, plus each kind's own keys chosen by `kind`.
import type { JsonSchema } from '../types.js';
import type { ToolKind } from '../../runtime/tools/types.js';

/** The MCP spec's tool name rule. */
export const TOOL_NAME_PATTERN = '^[A-Za-z0-9_.-]{1,128}$';

export const INPUT_PARAM_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

const inputParameter: JsonSchema = {
  type: 'object',
  description: 'One argument of the tool.',
  additionalProperties: false,
  properties: {
    type: { enum: [...INPUT_PARAM_TYPES], default: 'string', description: 'JSON type of the argument (default string).' },
    description: { type: 'string', description: 'What the argument means; the model reads this.' },
    enum: { type: 'array', minItems: 1, description: 'The only values allowed.' },
    default: { description: 'Value used when the argument is omitted.' },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    minLength: { type: 'integer', minimum: 0 },
    maxLength: { type: 'integer', minimum: 0 },
    pattern: { type: 'string', format: 'regex', description: 'Regular expression a string argument must match.' },
    required: { type: 'boolean', default: false, description: 'The call must give this argument (default false).' },
    items: { type: 'object', description: 'JSON Schema of the items when type is array.' },
  },
};

const objectSchema = (what: string): JsonSchema => ({
  type: 'object',
  description: `${what}: a full JSON Schema whose root is an object schema (type: object).`,
  required: ['type'],
  properties: { type: { const: 'object', description: 'MCP requires an object schema at the root.' } },
});

const annotations: JsonSchema = {
  type: 'object',
  description: 'Hints for clients (each kind has sensible defaults).',
  additionalProperties: false,
  properties: {
    title: { type: 'string' },
    readOnlyHint: { type: 'boolean', description: 'The tool does not modify its environment.' },
    destructiveHint: { type: 'boolean', description: 'The tool may perform destructive updates.' },
    idempotentHint: { type: 'boolean', description: 'Calling again with the same arguments has no further effect.' },
    openWorldHint: { type: 'boolean', description: 'The tool talks to an open world (e.g. the web).' },
  },
};

/** Keys every tool entry may have, whatever its kind. */
export function commonToolProperties(kinds: readonly ToolKind[]): Record<string, JsonSchema> {
  return {
    kind: { enum: kinds.map((k) => k.kind), description: `What the tool does: ${kinds.map((k) => k.kind).join(', ')}.` },
    name: {
      type: 'string',
      pattern: TOOL_NAME_PATTERN,
      description: 'Tool name the model calls: 1-128 of letters, digits, "_", "-", ".".',
    },
    title: { type: 'string', description: 'Human-readable name shown in clients.' },
    description: { type: 'string', minLength: 1, description: 'What the tool does and when to use it; the model reads this.' },
    annotations,
    input: {
      type: 'object',
      description: 'Arguments, shorthand: name → { type, description, enum, default, required, … }.',
      additionalProperties: inputParameter,
    },
    inputSchema: objectSchema('Arguments'),
    outputSchema: objectSchema('Structured result'),
    auth: { enum: ['required', 'none'], description: 'With auth.mode oauth: required (default) or none for a public tool.' },
    scopes: { type: 'array', items: { type: 'string' }, description: 'OAuth scopes a caller needs for this tool.' },
  };
}

/** One tool entry: common keys + the keys of the kind it names; anything else is an error. */
export function toolEntrySchema(kinds: readonly ToolKind[]): JsonSchema {
  return {
    type: 'object',
    title: 'Tool',
    required: ['kind', 'name', 'description'],
    properties: commonToolProperties(kinds),
    allOf: kinds.map((k) => ({
      if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
      then: {
        properties: k.schema.properties,
        ...(k.schema.required?.length ? { required: [...k.schema.required] } : {}),
      },
    })),
    unevaluatedProperties: false,
  };
}
