// JSON Schema for `resources:` and `prompts:` entries (composed into schema/mcp.schema.json).
// Which of file/text/corpus (and text/resource in messages) an entry has is checked in
// resource-prompt-checks.ts, where the message can say exactly what to change.
import type { JsonSchema } from '../types.js';

/** Prompt and argument names: what a slash command can carry. */
export const PROMPT_NAME_PATTERN = '^[A-Za-z0-9_.-]{1,128}$';
/** A URI with a scheme (RFC 3986): `docs://handbook`, `file:///…`, `test://static-text`. */
export const RESOURCE_URI_PATTERN = '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$';

const common: Record<string, JsonSchema> = {
  name: { type: 'string', minLength: 1, description: 'Short identifier of the resource (clients show it when there is no title).' },
  title: { type: 'string', description: 'Human-readable name shown in clients.' },
  description: { type: 'string', description: 'What the resource holds; the model reads this.' },
  mimeType: { type: 'string', pattern: '^[\\w.+-]+/[\\w.+-]+$', description: 'Media type, e.g. text/markdown or image/png. Text types are read as text, others as a base64 blob.' },
};

export const resourceSchema: JsonSchema = {
  type: 'object',
  title: 'Resource',
  description: 'A document clients can read: one file, inline text, or every document of a corpus.',
  required: ['name'],
  additionalProperties: false,
  properties: {
    ...common,
    uri: { type: 'string', pattern: RESOURCE_URI_PATTERN, description: 'URI clients read it by, e.g. docs://handbook (with file: or text:).' },
    uriTemplate: {
      type: 'string',
      pattern: '\\{id\\}',
      description: 'With corpus: the URI of each document, containing {id} (default docs://<corpus>/{id}).',
    },
    file: { type: 'string', minLength: 1, description: 'File relative to this mcp.yaml (must stay inside its folder).' },
    text: { type: 'string', description: 'The content itself.' },
    corpus: { type: 'string', minLength: 1, description: 'Expose each document of this corpus as a resource.' },
  },
};

const promptArgument: JsonSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$', description: 'Argument name, used as {{name}} in messages.' },
    description: { type: 'string' },
    required: { type: 'boolean', default: false, description: 'prompts/get fails without it (default false).' },
  },
};

const promptMessage: JsonSchema = {
  type: 'object',
  required: ['role'],
  additionalProperties: false,
  properties: {
    role: { enum: ['user', 'assistant'] },
    text: { type: 'string', description: 'Message text; may contain {{argument}} placeholders (filters: upper, lower, trim).' },
    resource: { type: 'string', description: 'Embed a declared resource by URI (may contain {{argument}} placeholders).' },
    image: { type: 'string', description: 'Show a declared image resource (image/* media type) by URI as an image block (may contain {{argument}} placeholders).' },
  },
};

export const promptSchema: JsonSchema = {
  type: 'object',
  title: 'Prompt',
  description: 'A prompt template users pick in their client (e.g. as a slash command).',
  required: ['name', 'messages'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: PROMPT_NAME_PATTERN, description: 'Prompt name: 1-128 of letters, digits, "_", "-", ".".' },
    title: { type: 'string' },
    description: { type: 'string' },
    arguments: { type: 'array', items: promptArgument },
    messages: { type: 'array', minItems: 1, items: promptMessage },
  },
};
