// Tools: tools/list is valid and each tool is something ChatGPT can use without surprises.
import { fail, pass, skip, warn, type Check, type DoctorContext, type ListedTool } from '../context.js';
import type { RpcExchange } from '../http/mcp-wire.js';
import { needsMcpAccess } from './gates.js';

/** The spec's tool name rule (2025-11-25): 1–128 of A–Z a–z 0–9 _ - . */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
/** ChatGPT keeps the first 512 characters of instructions; more is read less reliably. */
const INSTRUCTIONS_HEAD = 512;

/** Sends a request in whichever era the server speaks (legacy session first). */
export async function request(ctx: DoctorContext, method: string, params: Record<string, unknown>): Promise<RpcExchange> {
  const session = ctx.state.session;
  if (session) return ctx.wire.legacyRequest(method, params, session);
  return ctx.wire.modernRequest(method, params);
}

export function toolName(tool: ListedTool): string {
  return typeof tool.name === 'string' ? tool.name : JSON.stringify(tool.name);
}

function listed(ctx: DoctorContext): ListedTool[] | undefined {
  return ctx.state.tools;
}

function notListed(ctx: DoctorContext) {
  return needsMcpAccess(ctx) ?? skip('tools/list did not succeed');
}

export const toolsList: Check = {
  id: 'tools.list',
  area: 'tools',
  async run(ctx) {
    const gate = needsMcpAccess(ctx);
    if (gate) return gate;
    if (!ctx.state.session && ctx.state.discover !== 'modern') return skip('no protocol version negotiated');
    const tools: ListedTool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const exchange = await request(ctx, 'tools/list', cursor ? { cursor } : {});
      if (!exchange.reply) return fail(`tools/list: ${exchange.problem ?? 'no reply'}`, 'answer tools/list with {"tools":[...]}');
      if (exchange.reply.error) return fail(`tools/list returned error ${exchange.reply.error.code}: ${exchange.reply.error.message}`, 'implement tools/list (and declare the tools capability in initialize)');
      const pageTools = exchange.reply.result?.tools;
      if (!Array.isArray(pageTools)) return fail('tools/list result has no tools array', 'return {"tools":[...]} from tools/list');
      tools.push(...(pageTools as ListedTool[]));
      const next = exchange.reply.result?.nextCursor;
      if (typeof next !== 'string' || next === '') break;
      cursor = next;
    }
    ctx.state.tools = tools;
    if (tools.length === 0) return warn('tools/list returned no tools', 'declare at least one tool; ChatGPT shows an empty connector otherwise');
    return pass(`${tools.length} tool${tools.length === 1 ? '' : 's'}: ${tools.map(toolName).slice(0, 8).join(', ')}${tools.length > 8 ? ', …' : ''}`, { tools: tools.map(toolName) });
  },
};

export const toolNames: Check = {
  id: 'tools.names',
  area: 'tools',
  run(ctx) {
    const tools = listed(ctx);
    if (!tools) return notListed(ctx);
    const bad = tools.filter((t) => typeof t.name !== 'string' || !TOOL_NAME.test(t.name)).map(toolName);
    if (bad.length) return fail(`tool names outside [A-Za-z0-9_.-]{1,128}: ${bad.join(', ')}`, 'rename them using letters, digits, underscore, hyphen and dot only (no spaces or slashes)', { invalid: bad });
    return pass('all tool names match the spec pattern');
  },
};

export const toolDuplicates: Check = {
  id: 'tools.duplicates',
  area: 'tools',
  run(ctx) {
    const tools = listed(ctx);
    if (!tools) return notListed(ctx);
    const seen = new Set<string>();
    const dupes = new Set<string>();
    for (const t of tools) {
      const name = toolName(t);
      if (seen.has(name)) dupes.add(name);
      seen.add(name);
    }
    if (dupes.size) return fail(`duplicate tool names: ${[...dupes].join(', ')}`, 'give every tool a unique name; clients keep only one of them', { duplicates: [...dupes] });
    return pass('no duplicate names');
  },
};

export const toolInputSchemas: Check = {
  id: 'tools.input-schema',
  area: 'tools',
  run(ctx) {
    const tools = listed(ctx);
    if (!tools) return notListed(ctx);
    const bad = tools.filter((t) => typeof t.inputSchema !== 'object' || t.inputSchema === null || (t.inputSchema as { type?: unknown }).type !== 'object').map(toolName);
    if (bad.length) return fail(`input schemas that are not {"type":"object",…}: ${bad.join(', ')}`, 'make every inputSchema an object schema; a tool without parameters uses {"type":"object","additionalProperties":false}', { invalid: bad });
    return pass('every input schema is an object schema');
  },
};

export const toolDescriptions: Check = {
  id: 'tools.descriptions',
  area: 'tools',
  run(ctx) {
    const tools = listed(ctx);
    if (!tools) return notListed(ctx);
    const missing = tools.filter((t) => typeof t.description !== 'string' || t.description.trim() === '').map(toolName);
    if (missing.length) return warn(`tools without a description: ${missing.join(', ')}`, 'describe what each tool does and when to use it; the model picks tools by their descriptions', { missing });
    return pass('every tool has a description');
  },
};

export const readOnlyHints: Check = {
  id: 'tools.read-only-hint',
  area: 'tools',
  run(ctx) {
    const tools = listed(ctx);
    if (!tools) return notListed(ctx);
    const missing = tools.filter((t) => typeof (t.annotations as { readOnlyHint?: unknown } | undefined)?.readOnlyHint !== 'boolean').map(toolName);
    const readOnly = tools.filter((t) => (t.annotations as { readOnlyHint?: unknown } | undefined)?.readOnlyHint === true).map(toolName);
    if (missing.length) {
      return warn(
        `no annotations.readOnlyHint on: ${missing.join(', ')}; ChatGPT treats them as write actions and asks the user to confirm every call`,
        'set annotations.readOnlyHint: true on tools that only read (and readOnlyHint: false on the ones that change things)',
        { missing },
      );
    }
    return pass(`readOnlyHint declared on every tool (${readOnly.length} read-only)`, { readOnly });
  },
};

export const instructionsLength: Check = {
  id: 'tools.instructions',
  area: 'tools',
  run(ctx) {
    const text = ctx.state.instructions;
    if (text === undefined) return needsMcpAccess(ctx) ?? pass('no server instructions (optional)');
    if (text.length > INSTRUCTIONS_HEAD) {
      return warn(
        `instructions are ${text.length} characters; ChatGPT relies on the first ${INSTRUCTIONS_HEAD}`,
        `make the first ${INSTRUCTIONS_HEAD} characters self-contained (put details in tool descriptions)`,
        { length: text.length },
      );
    }
    return pass(`instructions: ${text.length} characters`);
  },
};

/** Per-tool auth declarations (OpenAI: `securitySchemes`, mirrored in `_meta.securitySchemes`). */
export function declaredSchemes(tool: ListedTool): unknown[] | undefined {
  const schemes = tool.securitySchemes ?? (tool._meta as { securitySchemes?: unknown } | undefined)?.securitySchemes;
  return Array.isArray(schemes) ? schemes : undefined;
}

/** Runs after the auth mode is settled (it needs the tools to tell mixed mode from no auth). */
export const securitySchemes: Check = {
  id: 'tools.security-schemes',
  area: 'tools',
  run(ctx) {
    const tools = listed(ctx);
    if (!tools) return notListed(ctx);
    const mode = ctx.state.auth.mode;
    const undeclared = tools.filter((t) => !declaredSchemes(t)).map(toolName);
    if (mode === 'mixed') {
      if (undeclared.length) return warn(`mixed auth, but ${undeclared.join(', ')} declare no securitySchemes; ChatGPT cannot tell whether they need sign-in`, 'declare _meta.securitySchemes on every tool: [{"type":"noauth"}] for public ones, [{"type":"oauth2","scopes":[…]}] for the rest');
      return pass('every tool declares securitySchemes (mixed auth)');
    }
    if (mode === 'oauth') return pass(undeclared.length === tools.length ? 'every request needs a token (per-tool securitySchemes optional)' : `${tools.length - undeclared.length} tools declare securitySchemes`);
    return skip('auth is off');
  },
};

export const toolsChecks: readonly Check[] = [toolsList, toolNames, toolDuplicates, toolInputSchemas, toolDescriptions, readOnlyHints, instructionsLength];
