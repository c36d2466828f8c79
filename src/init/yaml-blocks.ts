// Line-exact edits of a commented YAML file: find the text block of a top-level key or a sequence
// item (with the comment lines directly above it) so init can splice without re-serialising,
// which would refold text and lose the template's formatting.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export interface TextBlock {
  readonly start: number;
  readonly end: number;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Moves a line-start offset up over the comment lines directly above it (no blank line between). */
function withLeadingComments(text: string, start: number): number {
  let current = start;
  while (current > 0) {
    const previous = lineStart(text, current - 1);
    if (!text.slice(previous, current).trimStart().startsWith('#')) break;
    current = previous;
  }
  return current;
}

export function parseTemplateYaml(text: string): Document.Parsed {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`template YAML does not parse: ${doc.errors[0]?.message ?? ''}`);
  return doc;
}

function rangeStart(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/** Blocks of each top-level key in document order, each running to the next block. */
export function topLevelBlocks(text: string, doc: Document.Parsed): Map<string, TextBlock> {
  const blocks = new Map<string, TextBlock>();
  if (!isMap(doc.contents)) return blocks;
  const starts: { key: string; start: number }[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const offset = rangeStart(pair.key);
    if (offset === undefined) continue;
    starts.push({ key: String(pair.key.value), start: withLeadingComments(text, lineStart(text, offset)) });
  }
  starts.forEach((entry, i) => blocks.set(entry.key, { start: entry.start, end: starts[i + 1]?.start ?? text.length }));
  return blocks;
}

/** Blocks of the items of a top-level sequence (e.g. `tools`), the last one ending with the sequence. */
export function sequenceItemBlocks(text: string, doc: Document.Parsed, key: string): TextBlock[] {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) return [];
  const seqEnd = seq.range?.[2] ?? text.length;
  const starts = seq.items.map((item) => withLeadingComments(text, lineStart(text, rangeStart(item as Node) ?? 0)));
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? seqEnd }));
}

/** Replaces blocks (non-overlapping) with new text; blocks may come in any order. */
export function spliceBlocks(text: string, edits: readonly { block: TextBlock; text: string }[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.block.start - a.block.start)) {
    out = out.slice(0, edit.block.start) + edit.text + out.slice(edit.block.end);
  }
  return `${out.trimEnd()}\n`;
}
