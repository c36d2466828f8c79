// What the search and fetch tool kinds share: the `corpus` key, its check, annotations and result shapes.
import type { ConfigIssue, JsonSchema, McpConfig, ToolAnnotations, ToolConfigBase } from '../../config/types.js';
import type { CallToolResult } from '../tools/types.js';
import type { Corpus, CorpusProvider } from './types.js';

export const corpusProperty: JsonSchema = {
  type: 'string',
  minLength: 1,
  description: 'Name of a corpus declared under `corpora:`.',
};

/** Search and fetch only read a local index. */
export const corpusToolAnnotations: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

/** Config checks shared by search and fetch: the corpus exists and the input schema names the argument read. */
export function corpusToolChecker(preferredArgument: string) {
  return (tool: ToolConfigBase, config: McpConfig, index: number): ConfigIssue[] => {
    const issues = checkCorpusReference(tool, config, index);
    const properties = (tool.inputSchema as { properties?: Record<string, unknown> }).properties ?? {};
    if (!(argumentName(tool.inputSchema, preferredArgument) in properties)) {
      issues.push({
        path: ['tools', index, 'inputSchema'],
        message: `A ${tool.kind} tool reads the argument "${preferredArgument}" (or the one required string argument), but this input schema defines neither`,
        hint: `Remove inputSchema/input to use the default, or add a "${preferredArgument}" string property`,
      });
    }
    return issues;
  };
}

function checkCorpusReference(tool: ToolConfigBase, config: McpConfig, index: number): ConfigIssue[] {
  const name = tool.corpus;
  if (typeof name === 'string' && Object.hasOwn(config.corpora, name)) return [];
  const declared = Object.keys(config.corpora);
  return [{
    path: ['tools', index, 'corpus'],
    message: `Tool "${tool.name}" uses corpus "${String(name)}", which is not declared under corpora:`,
    hint: declared.length > 0 ? `Use one of: ${declared.join(', ')}` : 'Declare the corpus under corpora: with its sources',
  }];
}

/**
 * The argument the tool reads: `preferred` when the input schema has it (the default schemas do),
 * else the schema's single required string property, so a renamed argument still works.
 */
export function argumentName(inputSchema: JsonSchema, preferred: string): string {
  const schema = inputSchema as { properties?: Record<string, { type?: unknown }>; required?: unknown };
  if (!schema.properties || preferred in schema.properties) return preferred;
  const required = Array.isArray(schema.required) ? schema.required.filter((k): k is string => typeof k === 'string') : [];
  const strings = required.filter((k) => schema.properties?.[k]?.type === 'string');
  return strings.length === 1 ? strings[0]! : preferred;
}

/** OpenAI's connector contract: the object in structuredContent plus the same JSON as one text item. */
export function jsonResult(value: { readonly [key: string]: unknown }): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: { ...value } };
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** The corpus, or an isError result explaining why it could not be built (bad sources, cache trouble). */
export async function openCorpus(corpora: CorpusProvider, name: string): Promise<Corpus | CallToolResult> {
  try {
    return await corpora.get(name);
  } catch (err) {
    const hint = (err as { hint?: unknown }).hint;
    return errorResult(`Corpus "${name}" is unavailable: ${(err as Error).message}${typeof hint === 'string' ? ` ${hint}` : ''}`);
  }
}

export function isCorpus(value: Corpus | CallToolResult): value is Corpus {
  return typeof (value as Corpus).search === 'function';
}
