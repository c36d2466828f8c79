// ${VAR} substitution rules on single strings.
import { describe, expect, it } from 'vitest';
import { interpolateString } from '../../src/config/env-interpolation.js';

describe('interpolateString', () => {
  it('substitutes variables and defaults', () => {
    const result = interpolateString('${A}-${B:-two}-${C:-}', { A: 'one' });
    expect(result).toMatchObject({ value: 'one-two-', substituted: true, referenced: ['A', 'B', 'C'], problems: [] });
  });

  it('allows colons and spaces in a default', () => {
    expect(interpolateString('${URL:-http://localhost:3000/a b}', {}).value).toBe('http://localhost:3000/a b');
  });

  it('leaves strings without ${ alone', () => {
    expect(interpolateString('cost: $5 and $$ too', {})).toEqual({ value: 'cost: $5 and $$ too', substituted: false, referenced: [], problems: [] });
  });

  it('turns $${ into a literal ${ without substituting', () => {
    expect(interpolateString('$${A} ${A}', { A: 'x' })).toMatchObject({ value: '${A} x', referenced: ['A'] });
    expect(interpolateString('$${A}', { A: 'x' }).substituted).toBe(false);
  });

  it('reports missing variables and bad syntax', () => {
    expect(interpolateString('${MISSING}', {}).problems).toEqual([expect.objectContaining({ code: 'env-missing', needle: '${MISSING}' })]);
    expect(interpolateString('${1BAD}', {}).problems).toEqual([expect.objectContaining({ code: 'env-syntax' })]);
    expect(interpolateString('open ${NAME', {}).problems).toEqual([expect.objectContaining({ code: 'env-syntax', message: 'unterminated "${" in value' })]);
  });
});
