// Turns what a module tool's function returned into a CallToolResult: a string is text, a full
// CallToolResult (an object with a `content` array) passes through, any other JSON value becomes
// its JSON text (objects also as structuredContent).
import type { CallToolResult } from '../types.js';

function isCallToolResult(value: unknown): value is CallToolResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const content = (value as { content?: unknown }).content;
  return Array.isArray(content) && content.every((c) => typeof c === 'object' && c !== null && typeof (c as { type?: unknown }).type === 'string');
}

export function toCallToolResult(value: unknown): CallToolResult {
  if (typeof value === 'string') return { content: [{ type: 'text', text: value }] };
  if (value === undefined) return { content: [] };
  if (isCallToolResult(value)) return value;
  // JSON.stringify drops functions and throws on cycles/BigInt: both are the module's bug, reported as such.
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) throw new Error(`returned a ${typeof value}, which is not JSON`);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return isObject ? { content: [{ type: 'text', text }], structuredContent: JSON.parse(text) as Record<string, unknown> } : { content: [{ type: 'text', text }] };
}
