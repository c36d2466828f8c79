// The calculator tool kind: real mathjs evaluation, its lock-down, bounds and MCP result shapes.
import { beforeAll, describe, expect, it } from 'vitest';
import { calculatorKind, formatResult, loadSafeMath, MAX_EXPRESSION_LENGTH } from '../../../src/runtime/tools/calculator.js';
import { prepareExpression, runsInline, runPreparedMemo, type PreparedExpression } from '../../../src/runtime/tools/calculator/evaluate.js';
import type { BuildContext, CallContext, CallToolResult, RuntimeTool } from '../../../src/runtime/tools/types.js';
import type { McpConfig, ToolConfigBase } from '../../../src/config/types.js';
import { silentLogger } from '../../../src/runtime/logger.js';

const logger = silentLogger();

function toolEntry(extra: Record<string, unknown> = {}): ToolConfigBase {
  return {
    kind: 'calculator',
    name: 'calculate',
    title: 'Calculator',
    description: 'Evaluate an arithmetic expression.',
    annotations: calculatorKind.defaultAnnotations,
    inputSchema: calculatorKind.defaultInputSchema!,
    auth: 'none',
    scopes: [],
    ...extra,
  };
}

// The calculator reads nothing from the build context but the contract requires one.
const buildContext = {
  config: {} as McpConfig,
  logger,
  corpora: { get: () => Promise.reject(new Error('no corpora in this test')) },
} satisfies BuildContext;

const callContext: CallContext = { signal: new AbortController().signal, logger, protocolVersion: '2025-11-25' };

let tool: RuntimeTool;

beforeAll(async () => {
  tool = await calculatorKind.create(toolEntry(), buildContext);
});

function text(result: CallToolResult): string {
  const first = result.content[0];
  if (!first || first.type !== 'text') throw new Error('expected a text content block');
  return first.text;
}

async function ok(expression: string): Promise<string> {
  const result = await tool.call({ expression }, callContext);
  expect(result.isError, `${expression} → ${text(result)}`).not.toBe(true);
  expect(result.structuredContent).toEqual({ expression, result: text(result) });
  return text(result);
}

async function refused(expression: string): Promise<string> {
  const result = await tool.call({ expression }, callContext);
  expect(result.isError, `${expression} should be refused but gave ${text(result)}`).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  return text(result);
}

describe('calculator definition', () => {
  it('advertises a read-only, idempotent, closed-world tool with input and output schemas', () => {
    expect(tool.definition.name).toBe('calculate');
    expect(tool.definition.title).toBe('Calculator');
    expect(tool.definition.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(tool.definition.inputSchema).toMatchObject({ type: 'object', required: ['expression'] });
    const expression = (tool.definition.inputSchema.properties as Record<string, { description?: string; examples?: unknown[] }>).expression;
    expect(expression?.description).toMatch(/expression/i);
    expect(expression?.examples?.length).toBeGreaterThan(0);
    expect(tool.definition.outputSchema).toMatchObject({ type: 'object', required: ['expression', 'result'] });
  });

  it('reports a config issue when a custom input schema lacks "expression"', () => {
    const issues = calculatorKind.check!(toolEntry({ inputSchema: { type: 'object', properties: { q: { type: 'string' } } } }), {} as McpConfig, 3);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual(['tools', 3, 'inputSchema']);
    expect(calculatorKind.check!(toolEntry(), {} as McpConfig, 0)).toEqual([]);
  });
});

describe('calculator arithmetic', () => {
  // Each group: expression → expected text (a RegExp where float noise is legitimate).
  const groups: Array<[string, Array<[string, string | RegExp]>]> = [
    ['evaluates arithmetic with the usual precedence', [
      ['1 + 2 * 3', '7'], ['(1 + 2) * 3', '9'], ['(12.5 * 4) / 3', '16.666666666667'], ['2 ^ 3 ^ 2', '512'],
      ['-2 ^ 2', '-4'], ['7 mod 3', '1'], ['0.1 + 0.2', '0.3'],
    ]],
    ['evaluates functions and constants', [
      ['sqrt(2) ^ 2', '2'], ['sqrt(16)', '4'], ['sin(pi / 2)', '1'], ['cos(0) + log(e)', '2'], ['abs(-3.5)', '3.5'],
      ['round(2.567, 2)', '2.57'], ['factorial(5)', '120'], ['sqrt(-4)', '2i'], ['max(3, 9, 4)', '9'],
    ]],
    ['converts units', [
      ['5 cm to inch', '1.9685039370079 inch'], ['2 km + 300 m to m', '2300 m'], ['100 degF to degC', /^37\.77777777777\d* degC$/],
    ]],
    ['writes big and tiny numbers in exponent notation, others in full', [
      ['2 ^ 1000', '1.0715086071863e+301'], ['1 / 3e20', '3.3333333333333e-21'], ['bignumber(2) ^ 100', '1.2676506002282e+30'],
      ['2 ^ 40', '1099511627776'], ['2 ^ 60', '1.1529215046068e+18'], ['123456789 * 1000', '123456789000'],
    ]],
    ['returns Infinity for division by zero, as mathjs does', [['1 / 0', 'Infinity'], ['-1 / 0', '-Infinity'], ['0 / 0', 'NaN']]],
    ['handles small matrices', [['[1, 2; 3, 4] * 2', '[[2, 4], [6, 8]]'], ['det([1, 2; 3, 4])', '-2'], ['sum(1:100)', '5050']]],
    ['gives the same answer when an expression comes from the compiled cache', [['3 * 7', '21'], ['3 * 7', '21'], ['  3 * 7  ', '21']]],
  ];
  for (const [behaviour, cases] of groups) {
    it(behaviour, async () => {
      for (const [expression, expected] of cases) {
        const answer = await ok(expression);
        if (typeof expected === 'string') expect(answer, expression).toBe(expected);
        else expect(answer, expression).toMatch(expected);
      }
    });
  }

  it('honours the configured precision', async () => {
    const short = await calculatorKind.create(toolEntry({ precision: 4 }), buildContext);
    const result = await short.call({ expression: '1 / 3' }, callContext);
    expect(text(result)).toBe('0.3333');
  });
});

describe('calculator errors', () => {
  it('returns the parser message for a malformed expression', async () => {
    expect(await refused('1 +')).toMatch(/Unexpected end of expression/);
    expect(await refused('2 * (3')).toMatch(/Parenthesis \) expected/);
    expect(await refused('foo(2)')).toMatch(/Undefined function foo/);
    expect(await refused('x + 1')).toMatch(/Undefined symbol x/);
  });

  it('refuses an empty expression and one longer than the limit', async () => {
    expect(await refused('   ')).toMatch(/empty/);
    const long = '1+'.repeat(MAX_EXPRESSION_LENGTH) + '1';
    expect(await refused(long)).toMatch(/limit is 1000/);
  });

  it('refuses a non-string expression argument', async () => {
    const result = await tool.call({ expression: 42 }, callContext);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/must be a string/);
  });

  it('refuses a bare function name that is not called', async () => {
    expect(await refused('sqrt')).toMatch(/does not call it/);
  });
});

describe('calculator lock-down', () => {
  const disabled: Array<[string, string]> = [
    ['import({}, {override: true})', 'import'],
    ['createUnit("foo", "1 m")', 'createUnit'],
    ['evaluate("1 + 1")', 'evaluate'],
    ['parse("1 + 1")', 'parse'],
    ['simplify("x + x")', 'simplify'],
    ['derivative("x^2", "x")', 'derivative'],
    ['resolve("x", {})', 'resolve'],
    ['reviver()', 'reviver'],
    ['compile("1 + 1")', 'compile'],
    ['config({number: "BigNumber"})', 'config'],
    ['typed("f", {})', 'typed'],
    ['parser()', 'parser'],
    ['chain(3)', 'chain'],
    ['rationalize("x + x")', 'rationalize'],
    ['sqrt(evaluate("4"))', 'evaluate'],
  ];
  for (const [expression, name] of disabled) {
    it(`refuses ${name} in ${expression}`, async () => {
      expect(await refused(expression)).toBe(`Function ${name} is disabled`);
    });
  }

  it('refuses function definitions and assignments', async () => {
    expect(await refused('f(x) = x')).toMatch(/Defining functions is not allowed/);
    expect(await refused('a = 1')).toMatch(/Assigning variables is not allowed/);
    expect(await refused('sqrt(a = 4)')).toMatch(/Assigning variables is not allowed/);
    expect(await refused('a[1] = 5')).toMatch(/Assigning variables is not allowed/);
  });

  it('refuses several statements', async () => {
    expect(await refused('1 + 1; 2 + 2')).toMatch(/Only one expression/);
    expect(await refused('1 + 1\n2 + 2')).toMatch(/Only one expression/);
  });

  it('refuses constructor and prototype tricks', async () => {
    expect(await refused('[].constructor')).toMatch(/Property access/);
    expect(await refused('sqrt.constructor')).toMatch(/Property access/);
    expect(await refused('cos["constructor"]("return process")')).toMatch(/No access to method "constructor"/);
    expect(await refused('{a: 1}["constructor"]')).toMatch(/constructor/);
    expect(await refused('"abc"["__proto__"]')).toMatch(/__proto__|No access/);
  });

  it('keeps the shared instance unchanged after a refused config call', async () => {
    await refused('config({number: "BigNumber"})');
    expect(await ok('0.1 + 0.2')).toBe('0.3');
    expect(await ok('typeOf(1)')).toBe('"number"');
  });

  it('refuses matrices larger than the limits before allocating them', async () => {
    expect(await refused('1:1e9')).toMatch(/range would create/);
    expect(await refused('sum(1:1e9)')).toMatch(/range would create/);
    expect(await refused('range(0, 1e12)')).toMatch(/range would create/);
    expect(await refused('zeros(1e5, 1e5)')).toMatch(/zeros would create/);
    expect(await refused('ones([1e4, 1e4])')).toMatch(/ones would create/);
    expect(await refused('identity(1e6)')).toMatch(/identity would create/);
    expect(await refused('random([1e6])')).toMatch(/random would create/);
    expect(await refused('kron(ones(1000), ones(1000))')).toMatch(/kron would create/);
    expect(await refused('diag(1:5000)')).toMatch(/diag would create/);
    expect(await refused('resize([1], [1e6])')).toMatch(/resize would create/);
    expect(await refused('1:5000')).toMatch(/result has 5000 elements; the limit is 1000/);
    expect(await ok('sum(1:5000)')).toBe('12502500');
    expect(await ok('size(zeros(50, 50))')).toBe('[50, 50]');
  });
});

describe('calculator number formatting', () => {
  it('writes plain numbers exactly as mathjs format would, for every precision up to 15', async () => {
    const safe = await loadSafeMath();
    // Deterministic spread of magnitudes and digits, including rounding edges like 9.99…95.
    const values: number[] = [1, -1, 0.5, 1e-6, 9.9999999e-7, 123456789, 99999999999999.9, 999.9995, 1.005, 0.125, 1250, 2.675, 2 ** 53, 1 / 3, -2 / 3, Math.PI * 1e10];
    let seed = 7;
    for (let i = 0; i < 3000; i++) {
      seed = (seed * 16807) % 2147483647;
      const mantissa = seed / 2147483647;
      const exponent = (i % 30) - 10;
      values.push((i % 2 ? -1 : 1) * mantissa * 10 ** exponent);
    }
    for (let precision = 1; precision <= 15; precision++) {
      for (const value of values) {
        const expected = safe.format(value, { precision, lowerExp: -7, upperExp: precision });
        expect(formatResult(safe, value, precision), `${value} at precision ${precision}`).toBe(expected);
      }
    }
  });
});

describe('calculator memoization', () => {
  it('keeps the outcome of a deterministic expression with its compiled form, per precision', async () => {
    const safe = await loadSafeMath();
    const cache = new Map<string, PreparedExpression>();
    const prepared = prepareExpression(safe, cache, '(12.5 * 4) / 3');
    expect(prepared.deterministic).toBe(true);
    const first = runPreparedMemo(safe, prepared, 14);
    expect(first).toEqual({ ok: true, text: '16.666666666667' });
    expect(runPreparedMemo(safe, prepared, 14)).toBe(first);
    // Another precision is evaluated again, not served from the memo.
    expect(runPreparedMemo(safe, prepared, 4)).toEqual({ ok: true, text: '16.67' });
    expect(prepareExpression(safe, cache, '(12.5 * 4) / 3')).toBe(prepared);
  });

  it('memoizes errors of deterministic expressions too (same input, same error)', async () => {
    const safe = await loadSafeMath();
    const prepared = prepareExpression(safe, new Map(), '5 cm + 2 kg');
    const first = runPreparedMemo(safe, prepared, 14);
    expect(first.ok).toBe(false);
    expect(runPreparedMemo(safe, prepared, 14)).toBe(first);
  });

  it('never memoizes random(), randomInt() or pickRandom()', async () => {
    const safe = await loadSafeMath();
    for (const expression of ['random()', 'randomInt(1, 1000000) + 1', '2 * random()']) {
      expect(prepareExpression(safe, new Map(), expression).deterministic, expression).toBe(false);
    }
    // 20 draws of random() through the tool: a memoized answer would repeat one value 20 times.
    const values = new Set<string>();
    for (let i = 0; i < 20; i++) values.add(await ok('random()'));
    expect(values.size).toBeGreaterThan(1);
  });
});

describe('calculator isolation of long expressions', () => {
  it('runs scalar expressions inline and everything that may take long in the worker', async () => {
    const safe = await loadSafeMath();
    const inline = ['(12.5 * 4) / 3', 'sqrt(2) ^ 2', '5 cm to inch', 'sin(pi / 4) * 100', 'max(3, 9) > 4 ? 1 : 0', 'bignumber(2) ^ 100'];
    const isolated = ['3!', 'factorial(5)', '[1, 2] * 2', '1:10', 'det([1, 2; 3, 4])', 'isPrime(97)', 'eigs([1, 2; 2, 1])', 'map([1, 4], sqrt)', 'fraction(1, 3) ^ 2'];
    for (const expression of inline) expect(runsInline(safe.parse(expression), safe.math), expression).toBe(true);
    for (const expression of isolated) expect(runsInline(safe.parse(expression), safe.math), expression).toBe(false);
  });

  it('stops an expression that overruns its time budget without blocking the event loop', async () => {
    const quick = await calculatorKind.create(toolEntry({ timeoutMs: 300 }), buildContext);
    // Warm the worker so the budget measures only the expression.
    expect(text(await quick.call({ expression: 'det([1, 2; 3, 4])' }, callContext))).toBe('-2');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = Date.now();
    // A 27-digit Mersenne prime: mathjs tests it by trial division for ~10 s.
    const result = await quick.call({ expression: 'isPrime(bignumber("618970019642690137449562111"))' }, callContext);
    clearInterval(ticker);
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('The expression took longer than 300 ms and was stopped');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ticks).toBeGreaterThan(3); // the main thread kept running meanwhile
    // A fresh worker answers the next long expression.
    expect(text(await quick.call({ expression: 'det([2, 0; 0, 2])' }, callContext))).toBe('4');
  });

  it('answers refusals from inside the worker as tool errors', async () => {
    expect(await refused('zeros(1e5, 1e5)')).toMatch(/zeros would create/);
    expect(await refused('fraction(1, 7) ^ 100000')).toMatch(/result is \d+ characters long; the limit is 10000/);
  });

  it('stops its worker when the tool closes, answering a waiting expression with an error', async () => {
    const closing = await calculatorKind.create(toolEntry(), buildContext);
    expect(text(await closing.call({ expression: 'det([3, 0; 0, 3])' }, callContext))).toBe('9');
    const pending = closing.call({ expression: 'isPrime(bignumber("618970019642690137449562111"))' }, callContext);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closing.close!();
    const result = await pending;
    expect(result.isError).toBe(true);
    expect(text(result)).toBe('The calculator was shut down');
  });
});
