// Pure: which tools a reload added, removed or changed (any difference in the definition a client
// sees: description, schemas, annotations, title, _meta).
import { isDeepStrictEqual } from 'node:util';
import type { Tool } from '../runtime/tools/types.js';

export interface ToolDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export function diffTools(before: readonly Tool[], after: readonly Tool[]): ToolDiff {
  const old = new Map(before.map((t) => [t.name, t]));
  const next = new Map(after.map((t) => [t.name, t]));
  return {
    added: after.filter((t) => !old.has(t.name)).map((t) => t.name),
    removed: before.filter((t) => !next.has(t.name)).map((t) => t.name),
    changed: after.filter((t) => old.has(t.name) && !isDeepStrictEqual(old.get(t.name), t)).map((t) => t.name),
  };
}

export function toolListChanged(diff: ToolDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}
