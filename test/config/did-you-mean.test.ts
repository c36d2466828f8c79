// Suggestions for typos: close words are offered, unrelated ones are not.
import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance, suggestionHint } from '../../src/config/did-you-mean.js';

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('prot', 'port')).toBe(1);
  });

  it('suggests a near key, ignoring case', () => {
    expect(closestMatch('metod', ['method', 'url', 'headers'])).toBe('method');
    expect(closestMatch('URL', ['method', 'url'])).toBe('url');
    expect(closestMatch('inputschema', ['input', 'inputSchema'])).toBe('inputSchema');
  });

  it('offers nothing for an unrelated word', () => {
    expect(closestMatch('frobnicate', ['port', 'host', 'path'])).toBeUndefined();
    expect(closestMatch('ab', ['xy'])).toBeUndefined();
  });

  it('falls back to listing what is allowed', () => {
    expect(suggestionHint('zzz', ['a', 'b'])).toBe('allowed keys: a, b');
    expect(suggestionHint('porr', ['port'])).toBe('did you mean "port"?');
  });
});
