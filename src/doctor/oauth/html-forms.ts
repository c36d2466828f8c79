// Extracts <form>s from an HTML page (htmlparser2) so doctor can fill login and consent forms like a browser.
import { Parser } from 'htmlparser2';

export interface FormField {
  readonly tag: 'input' | 'button' | 'select' | 'textarea';
  readonly type: string;
  readonly name: string;
  readonly value: string;
  /** Button text or the input's label-ish attributes, for picking "Allow". */
  readonly label: string;
}

export interface HtmlForm {
  readonly action: string;
  readonly method: 'GET' | 'POST';
  readonly fields: FormField[];
}

export function parseForms(html: string): HtmlForm[] {
  const forms: { action: string; method: 'GET' | 'POST'; fields: FormField[] }[] = [];
  let current: (typeof forms)[number] | undefined;
  let openButton: { type: string; name: string; value: string; label: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'form') {
          current = { action: attrs.action ?? '', method: (attrs.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET', fields: [] };
          forms.push(current);
          return;
        }
        if (!current) return;
        if (name === 'input') {
          const type = (attrs.type ?? 'text').toLowerCase();
          current.fields.push({ tag: 'input', type, name: attrs.name ?? '', value: attrs.value ?? '', label: `${attrs.id ?? ''} ${attrs.placeholder ?? ''} ${attrs.autocomplete ?? ''} ${attrs['aria-label'] ?? ''} ${type === 'submit' ? attrs.value ?? '' : ''}`.trim() });
        } else if (name === 'button') {
          openButton = { type: (attrs.type ?? 'submit').toLowerCase(), name: attrs.name ?? '', value: attrs.value ?? '', label: `${attrs.id ?? ''} ${attrs['aria-label'] ?? ''}` };
        } else if (name === 'select' || name === 'textarea') {
          current.fields.push({ tag: name, type: name, name: attrs.name ?? '', value: '', label: attrs.id ?? '' });
        }
      },
      ontext(text) {
        if (openButton) openButton.label += ` ${text}`;
      },
      onclosetag(name) {
        if (name === 'button' && openButton && current) {
          current.fields.push({ tag: 'button', type: openButton.type, name: openButton.name, value: openButton.value, label: openButton.label.replace(/\s+/g, ' ').trim() });
          openButton = undefined;
        }
        if (name === 'form') current = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return forms;
}
