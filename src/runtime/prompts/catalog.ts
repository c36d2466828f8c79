// The prompts a config declares: definitions for prompts/list, and prompts/get rendering each
// message's `{{arg}}` placeholders (the shared template engine) after checking the arguments.
// Resource messages embed a declared resource's contents; image messages show an image resource.
import type { Prompt, PromptMessage } from '@modelcontextprotocol/server';
import type { McpConfig, PromptConfig } from '../../config/types.js';
import type { ResourceCatalog } from '../resources/catalog.js';
import { parseTemplate, renderTemplate, type Template } from '../templates.js';

/** Why prompts/get cannot answer (the method maps it to -32602). */
export class PromptArgumentsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptArgumentsError';
  }
}

export interface RenderedPrompt {
  readonly description?: string;
  readonly messages: PromptMessage[];
}

export interface PromptCatalog {
  readonly declared: boolean;
  /** Definitions in config order. */
  list(): readonly Prompt[];
  /** undefined when there is no such prompt; PromptArgumentsError for bad arguments. */
  get(name: string, args: Readonly<Record<string, unknown>>): Promise<RenderedPrompt | undefined>;
}

interface CompiledMessage {
  readonly role: 'user' | 'assistant';
  readonly kind: 'text' | 'resource' | 'image';
  readonly template: Template;
}

interface CompiledPrompt {
  readonly config: PromptConfig;
  readonly messages: readonly CompiledMessage[];
}

function definition(prompt: PromptConfig): Prompt {
  return {
    name: prompt.name,
    ...(prompt.title !== undefined ? { title: prompt.title } : {}),
    ...(prompt.description !== undefined ? { description: prompt.description } : {}),
    ...(prompt.arguments.length
      ? { arguments: prompt.arguments.map((a) => ({ name: a.name, ...(a.description !== undefined ? { description: a.description } : {}), required: a.required })) }
      : {}),
  };
}

export function createPromptCatalog(config: McpConfig, resources: ResourceCatalog): PromptCatalog {
  // Templates were checked at load time; parsing here cannot fail for a loaded config.
  const compiled = new Map<string, CompiledPrompt>(
    config.prompts.map((p) => [
      p.name,
      {
        config: p,
        messages: p.messages.map((m) => ({
          role: m.role,
          kind: m.text !== undefined ? 'text' : m.resource !== undefined ? 'resource' : 'image',
          template: parseTemplate((m.text ?? m.resource ?? m.image) as string),
        })),
      },
    ]),
  );
  const definitions = config.prompts.map(definition);

  return {
    declared: definitions.length > 0,
    list: () => definitions,
    async get(name, args) {
      const prompt = compiled.get(name);
      if (!prompt) return undefined;
      const values = checkArguments(prompt.config, args);
      const messages: PromptMessage[] = [];
      for (const m of prompt.messages) {
        const text = renderTemplate(m.template, values);
        if (m.kind === 'text') {
          messages.push({ role: m.role, content: { type: 'text', text } });
          continue;
        }
        const contents = await resources.read(text);
        const resource = contents?.[0];
        if (!resource) throw new PromptArgumentsError(`Invalid params: prompt "${name}" embeds resource "${text}", which does not exist`);
        if (m.kind === 'resource') {
          messages.push({ role: m.role, content: { type: 'resource', resource } });
          continue;
        }
        if (!('blob' in resource) || !resource.mimeType?.startsWith('image/')) {
          throw new PromptArgumentsError(`Invalid params: prompt "${name}" shows "${text}" as an image, but it is ${resource.mimeType ?? 'not an image'}`);
        }
        messages.push({ role: m.role, content: { type: 'image', data: resource.blob, mimeType: resource.mimeType } });
      }
      return { ...(prompt.config.description !== undefined ? { description: prompt.config.description } : {}), messages };
    },
  };
}

/** Arguments are strings (MCP); required ones must be present and non-empty, unknown ones are refused. */
function checkArguments(prompt: PromptConfig, args: Readonly<Record<string, unknown>>): Record<string, string> {
  const declared = new Set(prompt.arguments.map((a) => a.name));
  const unknown = Object.keys(args).filter((k) => !declared.has(k));
  if (unknown.length) {
    throw new PromptArgumentsError(`Invalid params: prompt "${prompt.name}" has no argument${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}${declared.size ? ` (it takes ${[...declared].join(', ')})` : ' (it takes none)'}`);
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(args)) {
    if (typeof value !== 'string') throw new PromptArgumentsError(`Invalid params: argument "${key}" of prompt "${prompt.name}" must be a string`);
    values[key] = value;
  }
  const missing = prompt.arguments.filter((a) => a.required && (values[a.name] === undefined || values[a.name] === '')).map((a) => a.name);
  if (missing.length) {
    throw new PromptArgumentsError(`Invalid params: prompt "${prompt.name}" needs the argument${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
  }
  return values;
}
