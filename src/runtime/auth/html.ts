// HTML escaping for every dynamic value on our pages.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`=]/g, (c) => ESCAPES[c]!);
}

/** Tagged template: interpolated values are escaped unless wrapped with raw(). */
export class RawHtml {
  constructor(readonly html: string) {}
}
export const raw = (html: string): RawHtml => new RawHtml(html);

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const part = Array.isArray(v) ? v.map((x) => (x instanceof RawHtml ? x.html : escapeHtml(x))).join('') : v instanceof RawHtml ? v.html : escapeHtml(v);
    out += part + (strings[i + 1] ?? '');
  });
  return new RawHtml(out);
}
