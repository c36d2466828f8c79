// Tool-argument validation: plain-English messages, defaults, schema handling and hot-path speed.
import { describe, expect, it } from 'vitest';
import { ArgumentSchemaError, compileArgumentValidator, compileArgumentValidators, type ArgumentCheck } from '../../../src/runtime/tools/arguments.js';

const searchSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', minLength: 1, maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
    sort: { enum: ['relevance', 'date'], default: 'relevance' },
    exact: { type: 'boolean' },
    email: { type: 'string', format: 'email' },
    code: { type: 'string', pattern: '^[A-Z]{3}$' },
    step: { type: 'number', multipleOf: 5 },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
    filter: {
      type: 'object',
      properties: { kind: { type: 'string' }, since: { type: 'string', format: 'date' } },
      required: ['kind'],
      additionalProperties: false,
    },
    mode: { const: 'fast' },
    either: { type: ['string', 'null'] },
  },
  required: ['query'],
  additionalProperties: false,
};

const validate = compileArgumentValidator('search', searchSchema);

function message(check: ArgumentCheck): string {
  if (check.ok) throw new Error(`expected a failure, got ${JSON.stringify(check.value)}`);
  return check.message;
}

describe('argument validation messages', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a missing required argument', {}, 'missing required argument "query"'],
    ['an unknown argument', { query: 'a', foo: 1 }, 'unknown argument "foo"'],
    ['a value above its maximum', { query: 'a', limit: 5000 }, 'argument "limit" must be <= 1000'],
    ['a value below its minimum', { query: 'a', limit: 0 }, 'argument "limit" must be >= 1'],
    ['a string where an integer belongs', { query: 'a', limit: '5' }, 'argument "limit" must be an integer'],
    ['a fraction where an integer belongs', { query: 'a', limit: 2.5 }, 'argument "limit" must be an integer'],
    ['a number where a string belongs', { query: 42 }, 'argument "query" must be a string'],
    ['a string where a boolean belongs', { query: 'a', exact: 'yes' }, 'argument "exact" must be true or false'],
    ['a value outside an enum', { query: 'a', sort: 'name' }, 'argument "sort" must be one of "relevance", "date"'],
    ['a value other than a const', { query: 'a', mode: 'slow' }, 'argument "mode" must be "fast"'],
    ['an empty string below minLength', { query: '' }, 'argument "query" must be at least 1 character long'],
    ['a string above maxLength', { query: 'x'.repeat(201) }, 'argument "query" must be at most 200 characters long'],
    ['a string failing a format', { query: 'a', email: 'not-an-email' }, 'argument "email" must be a valid email'],
    ['a string failing a pattern', { query: 'a', code: 'abc' }, 'argument "code" must match the pattern ^[A-Z]{3}$'],
    ['a number not a multiple', { query: 'a', step: 7 }, 'argument "step" must be multiple of 5'],
    ['too few items', { query: 'a', tags: [] }, 'argument "tags" must have at least 1 item'],
    ['too many items', { query: 'a', tags: ['a', 'b', 'c', 'd'] }, 'argument "tags" must have at most 3 items'],
    ['a wrong array item', { query: 'a', tags: ['ok', 3] }, 'argument "tags[1]" must be a string'],
    ['a missing nested property', { query: 'a', filter: {} }, 'missing required argument "filter.kind"'],
    ['an unknown nested property', { query: 'a', filter: { kind: 'x', extra: true } }, 'unknown argument "filter.extra"'],
    ['a wrong nested format', { query: 'a', filter: { kind: 'x', since: '2024-13-45' } }, 'argument "filter.since" must be a valid date'],
    ['a union type mismatch', { query: 'a', either: 3 }, 'argument "either" must be a string or null'],
    ['an array instead of an object', ['a'], 'arguments must be an object'],
    ['a string instead of an object', 'query=a', 'arguments must be an object'],
  ];
  for (const [what, args, expected] of cases) {
    it(`explains ${what}`, () => {
      expect(message(validate(args))).toBe(expected);
    });
  }
});

describe('argument validation results', () => {
  it('accepts valid arguments and fills in defaults', () => {
    const check = validate({ query: 'refund', exact: true });
    expect(check).toEqual({ ok: true, value: { query: 'refund', exact: true, limit: 10, sort: 'relevance' } });
  });

  it('keeps given values over defaults', () => {
    const check = validate({ query: 'refund', limit: 3 });
    expect(check).toEqual({ ok: true, value: { query: 'refund', limit: 3, sort: 'relevance' } });
  });

  it('treats missing arguments as an empty object', () => {
    const noRequired = compileArgumentValidator('ping', { type: 'object', properties: { n: { type: 'integer', default: 1 } } });
    expect(noRequired(undefined)).toEqual({ ok: true, value: { n: 1 } });
    expect(noRequired(null)).toEqual({ ok: true, value: { n: 1 } });
    expect(message(validate(undefined))).toBe('missing required argument "query"');
  });

  it('accepts schemas that name an older draft as their $schema', () => {
    const draft7 = compileArgumentValidator('old', {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { id: { type: 'string' } },
      required: ['id'],
    });
    expect(draft7({ id: 'x' }).ok).toBe(true);
    expect(message(draft7({}))).toBe('missing required argument "id"');
  });

  it('tolerates annotation keywords ajv does not know', () => {
    const annotated = compileArgumentValidator('annotated', {
      type: 'object',
      properties: { q: { type: 'string', examples: ['x'], 'x-widget': 'textarea' } },
      'x-vendor': true,
    });
    expect(annotated({ q: 'x' }).ok).toBe(true);
  });

  it('reports a schema that cannot compile as an error value with a code and hint', () => {
    let caught: unknown;
    try {
      compileArgumentValidator('broken', { type: 'object', properties: { a: { type: 'nonsense' } } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ArgumentSchemaError);
    expect((caught as ArgumentSchemaError).code).toBe('invalid_input_schema');
    expect((caught as ArgumentSchemaError).message).toMatch(/^Tool "broken": its inputSchema cannot be compiled/);
  });

  it('compiles one validator per tool', () => {
    const validators = compileArgumentValidators([
      { name: 'search', inputSchema: searchSchema },
      { name: 'calc', inputSchema: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] } },
    ]);
    expect([...validators.keys()]).toEqual(['search', 'calc']);
    expect(validators.get('calc')!({ expression: '1+1' }).ok).toBe(true);
    expect(message(validators.get('calc')!({}))).toBe('missing required argument "expression"');
  });
});

describe('argument validation speed', () => {
  it('validates a typical call in microseconds', () => {
    const args = { query: 'refund policy', limit: 20, tags: ['billing'], filter: { kind: 'faq' } };
    for (let i = 0; i < 10_000; i++) validate(args); // warm up the JIT
    const rounds = 100_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) {
      if (!validate(args).ok) throw new Error('unexpected failure');
    }
    const perCallNs = Number(process.hrtime.bigint() - start) / rounds;
    // Typically ~0.2–0.5 µs here; 5 µs leaves room for slow CI machines while catching a regression
    // such as recompiling the schema per call (which costs milliseconds).
    expect(perCallNs).toBeLessThan(5_000);
  });
});
