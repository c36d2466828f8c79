// The `{{name}}` placeholder engine shared by http tools and prompts: parse once at start,
// list the names for config checks, render on the hot path.
//
// Syntax: `{{ name }}` or with filters `{{ name | trim | upper }}`. Names are argument names
// (letters, digits, `_`, `-`; not starting with a digit or `-`). Filters: upper, lower, trim.
// Anything else between `{{` and `}}` is a syntax error, reported when the template is parsed.

export type TemplateFilterName = 'upper' | 'lower' | 'trim';

export interface Placeholder {
  readonly name: string;
  readonly filters: readonly TemplateFilterName[];
}

/** Literal text or a placeholder, in source order. */
export type TemplatePart = string | Placeholder;

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** Placeholder names, deduplicated, in order of first appearance. */
  readonly placeholders: readonly string[];
  /** Set when the whole template is exactly one placeholder (keeps the value's JSON type). */
  readonly sole?: Placeholder;
}

export type TemplateValues = { readonly [name: string]: unknown };

export class TemplateSyntaxError extends Error {
  readonly code = 'template_syntax';
  readonly hint: string;
  /** Character offset of the bad `{{` in the source. */
  readonly offset: number;

  constructor(message: string, offset: number, hint: string) {
    super(message);
    this.name = 'TemplateSyntaxError';
    this.offset = offset;
    this.hint = hint;
  }
}

const FILTERS: { readonly [K in TemplateFilterName]: (s: string) => string } = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  trim: (s) => s.trim(),
};
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const HINT = 'Write placeholders as {{name}} or {{name | upper}}, where name is an input property (filters: upper, lower, trim).';

/** Parses `source`; throws TemplateSyntaxError on a malformed `{{…}}`. */
export function parseTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  const names: string[] = [];
  let pos = 0;
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    if (open === -1) break;
    const close = source.indexOf('}}', open + 2);
    if (close === -1) throw new TemplateSyntaxError(`Unclosed "{{" at character ${open + 1}.`, open, HINT);
    if (open > pos) parts.push(source.slice(pos, open));
    const placeholder = parsePlaceholder(source.slice(open + 2, close), open);
    parts.push(placeholder);
    if (!names.includes(placeholder.name)) names.push(placeholder.name);
    pos = close + 2;
  }
  if (pos < source.length) parts.push(source.slice(pos));
  const only = parts.length === 1 ? parts[0] : undefined;
  const sole = only !== undefined && typeof only !== 'string' ? only : undefined;
  return { source, parts, placeholders: names, ...(sole ? { sole } : {}) };
}

function parsePlaceholder(inner: string, offset: number): Placeholder {
  const [rawName = '', ...rawFilters] = inner.split('|').map((s) => s.trim());
  if (!NAME.test(rawName)) {
    throw new TemplateSyntaxError(`"{{${inner}}}" is not a valid placeholder name.`, offset, HINT);
  }
  const filters = rawFilters.map((f) => {
    if (!Object.hasOwn(FILTERS, f)) throw new TemplateSyntaxError(`Unknown filter "${f}" in "{{${inner}}}".`, offset, HINT);
    return f as TemplateFilterName;
  });
  return { name: rawName, filters };
}

/** True when `source` contains a `{{` (i.e. would be treated as a template). */
export function looksLikeTemplate(source: string): boolean {
  return source.includes('{{');
}

/** A placeholder's value with its filters applied; undefined when the value is absent (undefined or null). */
export function placeholderValue(placeholder: Placeholder, values: TemplateValues): unknown {
  const raw = Object.hasOwn(values, placeholder.name) ? values[placeholder.name] : undefined;
  if (raw === undefined || raw === null) return undefined;
  if (placeholder.filters.length === 0) return raw;
  let text = stringifyValue(raw);
  for (const f of placeholder.filters) text = FILTERS[f](text);
  return text;
}

/** Names of placeholders whose values are absent. */
export function missingPlaceholders(template: Template, values: TemplateValues): string[] {
  return template.placeholders.filter((name) => !Object.hasOwn(values, name) || values[name] === undefined || values[name] === null);
}

/**
 * Renders to a string; absent values render as ''. `encode` is applied to each substituted
 * value (not to the literal text), e.g. encodeURIComponent for URL segments.
 */
export function renderTemplate(template: Template, values: TemplateValues, encode?: (value: string) => string): string {
  return renderWith(template, values, encode, false) ?? '';
}

/** Like renderTemplate, but undefined when any referenced value is absent. */
export function renderTemplateIfComplete(template: Template, values: TemplateValues, encode?: (value: string) => string): string | undefined {
  return renderWith(template, values, encode, true);
}

function renderWith(template: Template, values: TemplateValues, encode: ((value: string) => string) | undefined, strict: boolean): string | undefined {
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = placeholderValue(part, values);
    if (value === undefined) {
      if (strict) return undefined;
      continue;
    }
    const text = stringifyValue(value);
    out += encode ? encode(text) : text;
  }
  return out;
}

/** How a value reads inside text: strings as-is, scalars via String, objects as JSON. */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}
