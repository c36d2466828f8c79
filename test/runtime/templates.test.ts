import { describe, expect, it } from 'vitest';
import {
  missingPlaceholders, parseTemplate, placeholderValue, renderTemplate, renderTemplateIfComplete, TemplateSyntaxError,
} from '../../src/runtime/templates.js';

describe('parseTemplate', () => {
  it('splits literal text and placeholders and lists names once, in order', () => {
    const t = parseTemplate('/users/{{ id }}/repos/{{repo}}?again={{id}}');
    expect(t.parts).toEqual(['/users/', { name: 'id', filters: [] }, '/repos/', { name: 'repo', filters: [] }, '?again=', { name: 'id', filters: [] }]);
    expect(t.placeholders).toEqual(['id', 'repo']);
    expect(t.sole).toBeUndefined();
  });

  it('marks a template that is exactly one placeholder', () => {
    expect(parseTemplate('{{limit}}').sole).toEqual({ name: 'limit', filters: [] });
    expect(parseTemplate(' {{limit}}').sole).toBeUndefined();
  });

  it('parses filters', () => {
    expect(parseTemplate('{{ symbol | trim | upper }}').sole).toEqual({ name: 'symbol', filters: ['trim', 'upper'] });
  });

  it('treats text without {{ as literal', () => {
    expect(parseTemplate('plain } text }}').placeholders).toEqual([]);
  });

  it.each(['{{', 'a {{name', '{{}}', '{{ 1abc }}', '{{a.b}}', '{{ x | shout }}', '{{ x y }}'])('rejects %j with a located error', (source) => {
    expect(() => parseTemplate(source)).toThrow(TemplateSyntaxError);
  });

  it('reports the offset of the bad placeholder', () => {
    try {
      parseTemplate('abc {{ bad! }}');
      expect.unreachable();
    } catch (err) {
      expect((err as TemplateSyntaxError).offset).toBe(4);
      expect((err as TemplateSyntaxError).hint).toContain('{{name}}');
    }
  });
});

describe('rendering', () => {
  const t = parseTemplate('{{a}}-{{b | upper}}');

  it('substitutes strings, numbers, booleans and JSON for objects', () => {
    expect(renderTemplate(t, { a: 1, b: 'x' })).toBe('1-X');
    expect(renderTemplate(t, { a: true, b: 'y' })).toBe('true-Y');
    expect(renderTemplate(t, { a: { k: [1] }, b: '' })).toBe('{"k":[1]}-');
  });

  it('renders absent values as empty, or refuses with renderTemplateIfComplete', () => {
    expect(renderTemplate(t, { b: 'z' })).toBe('-Z');
    expect(renderTemplateIfComplete(t, { b: 'z' })).toBeUndefined();
    expect(renderTemplateIfComplete(t, { a: null, b: 'z' })).toBeUndefined();
    expect(missingPlaceholders(t, { b: 'z' })).toEqual(['a']);
  });

  it('encodes only substituted values', () => {
    const path = parseTemplate('/a b/{{x}}');
    expect(renderTemplate(path, { x: 'c/d?e' }, encodeURIComponent)).toBe('/a b/c%2Fd%3Fe');
  });

  it('keeps the JSON type of a sole placeholder without filters', () => {
    expect(placeholderValue({ name: 'n', filters: [] }, { n: 5 })).toBe(5);
    expect(placeholderValue({ name: 'n', filters: ['upper'] }, { n: 'ab' })).toBe('AB');
    expect(placeholderValue({ name: 'n', filters: [] }, {})).toBeUndefined();
  });

  it('does not read inherited properties as values', () => {
    expect(renderTemplateIfComplete(parseTemplate('{{constructor}}'), {})).toBeUndefined();
  });
});
