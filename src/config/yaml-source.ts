// Parses mcp.yaml keeping node ranges, and maps any document path to file:line:column + snippet.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { renderSnippet, type ConfigIssueCode, type LocatedIssue } from './errors.js';

export type DocPath = readonly (string | number)[];

export interface LocateOptions {
  /** Point at the map key rather than its value (unknown keys, duplicate names). */
  readonly atKey?: boolean;
  /** Point at this text inside the value when it occurs there (e.g. `${TOKEN`). */
  readonly needle?: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface IssueInput {
  readonly code: ConfigIssueCode;
  readonly path: DocPath;
  readonly message: string;
  readonly hint?: string;
  readonly severity?: 'error' | 'warning';
  readonly atKey?: boolean;
  readonly needle?: string;
}

/** A parsed YAML file that can say where anything in it is. */
export class YamlSource {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  private readonly lineCounter: LineCounter;
  private readonly lines: string[];

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    this.lineCounter = new LineCounter();
    // merge: `<<` keys work as most YAML users expect; uniqueKeys: duplicate keys are errors.
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
    this.lines = text.split(/\r?\n/);
  }

  /** YAML syntax errors, located. */
  syntaxIssues(): LocatedIssue[] {
    return this.doc.errors.map((err) => {
      const { line, column } = this.positionOf(err.pos[0]);
      // The parser's message sometimes ends with its own location; ours is in front already.
      const message = err.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
      return this.issueAt({ line, column }, { code: 'yaml-syntax', path: [], message: `YAML syntax: ${message}`, hint: yamlHint(err.code, message) });
    });
  }

  /** The document as plain data (aliases and merge keys resolved). */
  toData(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  /** 1-based line/column of a path; falls back to the nearest ancestor that exists. */
  locate(path: DocPath, options: LocateOptions = {}): Position {
    let node: Node | null = this.doc.contents;
    let keyNode: Node | null = null;
    let complete = true;
    for (const segment of path) {
      const found = this.child(node, segment);
      if (!found) {
        complete = false;
        break;
      }
      node = found.value;
      keyNode = found.key;
    }
    const target = options.atKey && complete && keyNode ? keyNode : node;
    if (options.needle && complete && target?.range) {
      const at = this.text.slice(target.range[0], target.range[1]).indexOf(options.needle);
      if (at >= 0) return this.positionOf(target.range[0] + at);
    }
    return this.positionOf(target?.range?.[0] ?? firstContentOffset(this.text));
  }

  /** Builds a LocatedIssue for a document path. */
  issue(input: IssueInput): LocatedIssue {
    return this.issueAt(this.locate(input.path, input), input);
  }

  private issueAt(pos: Position, input: IssueInput): LocatedIssue {
    return {
      code: input.code,
      severity: input.severity ?? 'error',
      file: this.file,
      line: pos.line,
      column: pos.column,
      message: input.message,
      ...(input.hint ? { hint: input.hint } : {}),
      snippet: renderSnippet(this.lines[pos.line - 1] ?? '', pos.line, pos.column),
      path: [...input.path],
    };
  }

  private positionOf(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /** One step down a path, seeing through aliases. */
  private child(node: Node | null, segment: string | number): { key: Node | null; value: Node | null } | undefined {
    const resolved = node && isAlias(node) ? (node.resolve(this.doc) as Node | undefined) ?? null : node;
    if (isSeq(resolved) && typeof segment === 'number') {
      const item = resolved.items[segment];
      return item === undefined ? undefined : { key: null, value: item as Node | null };
    }
    if (isMap(resolved)) {
      for (const pair of resolved.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const keyValue = isScalar(key) ? key.value : key;
        if (keyValue === segment || String(keyValue) === String(segment)) {
          // `key:` with no value still has a position: use the key's.
          return { key, value: (pair.value as Node | null) ?? key };
        }
      }
    }
    return undefined;
  }
}

function firstContentOffset(text: string): number {
  const match = /^(?:\s*#.*\r?\n|\s*\r?\n)*\s*/.exec(text);
  return Math.min(match?.[0].length ?? 0, Math.max(0, text.length - 1));
}

function yamlHint(code: string, message: string): string | undefined {
  if (/quote/i.test(message)) return 'a quoted value is not closed: add the matching quote (the error is reported where the file ends or the value stops)';
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested keys need more spaces than their parent, and list items start with "- "';
    case 'DUPLICATE_KEY':
      return 'each key may appear once per mapping; remove or rename one of them';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a value containing ": " or starting with a special character must be quoted';
    default:
      return 'quote values that contain ": ", " #", or start with { [ * & ! | > % @ `';
  }
}
