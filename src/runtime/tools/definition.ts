// The MCP Tool object a kind advertises, built once at start from the normalised config entry.
import type { JsonSchema, ToolConfigBase } from '../../config/types.js';
import type { Tool } from './types.js';

/** `outputSchema`: the kind's own result shape; defaults to the one the user declared, if any. */
export function toolDefinition(tool: ToolConfigBase, outputSchema: JsonSchema | undefined = tool.outputSchema): Tool {
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: tool.inputSchema as Tool['inputSchema'],
    ...(outputSchema ? { outputSchema: outputSchema as Tool['outputSchema'] } : {}),
    annotations: { ...tool.annotations },
  };
}
