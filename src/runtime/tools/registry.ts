// The one table of tool kinds. Adding a kind = one file in this folder + one line here.
import type { ToolKind } from './types.js';
import { calculatorKind } from './calculator.js';
import { fetchKind } from './fetch.js';
import { httpKind } from './http.js';
import { moduleKind } from './module.js';
import { searchKind } from './search.js';

export const toolKinds: readonly ToolKind[] = [httpKind, searchKind, fetchKind, calculatorKind, moduleKind];

const byName = new Map(toolKinds.map((k) => [k.kind, k]));

export function findToolKind(kind: string): ToolKind | undefined {
  return byName.get(kind);
}
