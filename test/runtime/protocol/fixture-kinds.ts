// Tool kinds for protocol tests only: one that throws, one that waits (abortable), one that echoes
// who called. Real kinds have their own tests; these isolate server behaviour.
import type { ToolAnnotations } from '../../../src/config/types.js';
import type { RuntimeTool, ToolKind } from '../../../src/runtime/tools/types.js';

const annotations: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

function kind(name: string, call: RuntimeTool['call']): ToolKind {
  return {
    kind: name,
    schema: { properties: {} },
    defaultAnnotations: annotations,
    defaultInputSchema: { type: 'object', properties: { ms: { type: 'integer', minimum: 0 } }, additionalProperties: false },
    async create(tool) {
      return {
        definition: { name: tool.name, description: tool.description, inputSchema: tool.inputSchema as never, annotations: tool.annotations },
        call,
      };
    },
  };
}

export const explodeKind = kind('explode', async () => {
  throw new Error('upstream exploded');
});

/** Waits `ms` (default 200), or until aborted. */
export const slowKind = kind('slow', (args, ctx) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ content: [{ type: 'text', text: `waited ${String(args.ms ?? 200)}ms` }] }), Number(args.ms ?? 200));
    ctx.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  }),
);

export const whoamiKind = kind('whoami', async (_args, ctx) => ({
  content: [{ type: 'text', text: ctx.auth ? `subject=${ctx.auth.subject}` : 'anonymous' }],
  structuredContent: { subject: ctx.auth?.subject ?? null, version: ctx.protocolVersion },
}));
