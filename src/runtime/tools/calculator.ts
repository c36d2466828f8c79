// The `calculator` tool kind: evaluates one arithmetic/unit expression with a locked-down mathjs.
// Follows mathjs' security recipe (https://mathjs.org/docs/expressions/security.html) and adds
// parse-tree checks, input/size bounds and a compiled-expression cache for the hot path.
import type { MathJsInstance, MathNode, EvalFunction } from 'mathjs';
import type { ConfigIssue, JsonSchema, McpConfig, ToolConfigBase } from '../../config/types.js';
import type { CallToolResult, RuntimeTool, ToolKind } from './types.js';

/** Longest expression accepted (characters). */
export const MAX_EXPRESSION_LENGTH = 1000;
/** Most elements any matrix-building function may create (1:1e9 would exhaust memory). */
export const MAX_MATRIX_ELEMENTS = 10_000;
/** Most elements a result may have; larger results are refused rather than formatted. */
export const MAX_RESULT_ELEMENTS = 1_000;
const DEFAULT_PRECISION = 14;
/** Compiled expressions kept; bounded so a stream of distinct inputs cannot grow memory. */
const CACHE_SIZE = 512;

/**
 * Functions replaced by throwers in the instance: the mathjs security recipe (first eight), then
 * ones that re-parse strings (rationalize, simplifyCore, …) or hand out an unrestricted evaluator
 * (parser, compile, chain).
 */
const DISABLED_FUNCTIONS = [
  'import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve',
  'compile', 'chain', 'parser', 'rationalize', 'simplifyConstant', 'simplifyCore', 'leafCount',
  'symbolicEqual',
] as const;
/**
 * Names refused in the parse tree. Adds `config` and `typed`, which mutate the shared instance
 * but cannot be replaced in it (every factory depends on them).
 */
const disabledNames: ReadonlySet<string> = new Set([...DISABLED_FUNCTIONS, 'config', 'typed']);

/** Matrix builders whose output size is checked before they allocate. */
const SIZED_BUILDERS = ['zeros', 'ones', 'identity', 'random', 'randomInt', 'resize', 'reshape', 'matrixFromFunction'] as const;

/** A refusal the caller sees as an isError result (never a stack trace). */
export class CalculatorError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CalculatorError';
    this.code = code;
  }
}

export interface SafeMath {
  readonly parse: (expr: string) => MathNode;
  readonly format: MathJsInstance['format'];
  readonly math: MathJsInstance;
}

let safeMathPromise: Promise<SafeMath> | undefined;

/** The shared locked-down mathjs instance, created on first use (mathjs takes ~150 ms to load). */
export function loadSafeMath(): Promise<SafeMath> {
  safeMathPromise ??= import('mathjs').then(({ create, all }) => buildSafeMath(create(all ?? {})));
  return safeMathPromise;
}

function buildSafeMath(math: MathJsInstance): SafeMath {
  // Keep our own references before the overrides below replace them in the namespace.
  const parse = math.parse.bind(math) as (expr: string) => MathNode;
  const format = math.format.bind(math);
  const overrides: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of DISABLED_FUNCTIONS) {
    overrides[name] = () => {
      throw new CalculatorError('disabled', `Function ${name} is disabled`);
    };
  }
  const mathRecord = math as unknown as Record<string, (...args: unknown[]) => unknown>;
  const transforms = math.expression.transform as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  const guard = (name: string, measure: (args: unknown[]) => number): void => {
    const original = mathRecord[name];
    if (typeof original !== 'function') return;
    const wrapper = Object.assign((...args: unknown[]) => {
      assertElementCount(name, measure(args));
      return original(...args);
    }, {} as { transform?: (...args: unknown[]) => unknown });
    // Expressions call the transform (e.g. range's inclusive end) when there is one: guard it too.
    const transform = transforms[name];
    if (typeof transform === 'function') {
      wrapper.transform = (...args: unknown[]) => {
        assertElementCount(name, measure(args));
        return transform(...args);
      };
    }
    overrides[name] = wrapper;
  };
  for (const name of SIZED_BUILDERS) guard(name, (args) => requestedElements(name, args));
  guard('range', rangeLength);
  guard('kron', (args) => growthSize(math, 'kron', args));
  guard('diag', (args) => growthSize(math, 'diag', args));
  math.import(overrides, { override: true });
  return { parse, format, math };
}

function assertElementCount(fn: string, count: number): void {
  if (!(count <= MAX_MATRIX_ELEMENTS)) {
    throw new CalculatorError('too_large', `${fn} would create ${Number.isFinite(count) ? count : 'too many'} elements; the limit is ${MAX_MATRIX_ELEMENTS}`);
  }
}

/** Numbers, BigNumbers and fractions as plain numbers; anything else as NaN. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  if (value !== null && typeof value === 'object' && 'valueOf' in value) {
    const primitive = (value as { valueOf(): unknown }).valueOf();
    if (typeof primitive === 'number' || typeof primitive === 'string') return Number(primitive);
  }
  return Number.NaN;
}

/** Matrix/array arguments as plain nested arrays. */
function toArray(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'toArray' in value && typeof (value as { toArray: unknown }).toArray === 'function') {
    return (value as { toArray(): unknown }).toArray();
  }
  return value;
}

/** How many elements zeros/ones/identity/random/… would build from their size arguments. */
function requestedElements(fn: string, args: unknown[]): number {
  const sizes: number[] = [];
  const collect = (value: unknown): void => {
    const plain = toArray(value);
    if (Array.isArray(plain)) plain.forEach(collect);
    else {
      const n = toNumber(plain);
      if (Number.isFinite(n)) sizes.push(Math.max(0, Math.ceil(Math.abs(n))));
    }
  };
  switch (fn) {
    case 'resize':
    case 'reshape':
    case 'matrixFromFunction':
      // The size is the second argument (first for matrixFromFunction).
      collect(fn === 'matrixFromFunction' ? args[0] : args[1]);
      break;
    case 'random':
    case 'randomInt': {
      // Only an array/matrix first argument is a size; numbers are min/max bounds.
      const first = toArray(args[0]);
      if (!Array.isArray(first)) return 0;
      collect(first);
      break;
    }
    default:
      for (const arg of args) {
        if (typeof arg === 'string') continue; // storage format ('dense' | 'sparse')
        collect(arg);
      }
      if (fn === 'identity' && sizes.length === 1) sizes.push(sizes[0]!);
  }
  return sizes.reduce((product, n) => product * n, 1);
}

/** Elements in start:end:step (or range(start, end, step)); strings like "1:10" too. */
function rangeLength(args: unknown[]): number {
  let parts = args;
  if (args.length >= 1 && typeof args[0] === 'string') {
    parts = args[0].split(':').map((s) => s.trim());
  }
  const start = toNumber(parts[0]);
  const end = toNumber(parts[1]);
  const step = parts.length >= 3 && typeof parts[2] !== 'boolean' ? toNumber(parts[2]) : 1;
  if (![start, end, step].every(Number.isFinite)) return Number.POSITIVE_INFINITY;
  if (step === 0) return 0;
  return Math.max(0, Math.floor((end - start) / step) + 1);
}

/** Dimensions of an array/matrix argument; [] for scalars. */
function dimensions(math: MathJsInstance, value: unknown): number[] {
  const plain = toArray(value);
  if (!Array.isArray(plain)) return [];
  return toArray(math.size(plain) as unknown) as number[];
}

function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, n) => product * n, 1);
}

/** Output size of kron (product of both sizes) and diag (n² from a vector of n). */
function growthSize(math: MathJsInstance, fn: string, args: unknown[]): number {
  if (fn === 'kron') return elementCount(dimensions(math, args[0])) * elementCount(dimensions(math, args[1]));
  const dims = dimensions(math, args[0]);
  const n = elementCount(dims);
  return dims.length === 1 ? n * n : n;
}

/** Refuses definitions, assignments, property access and disabled functions before evaluation. */
export function checkExpressionTree(root: MathNode): void {
  root.traverse((node) => {
    switch (node.type) {
      case 'AssignmentNode':
        throw new CalculatorError('assignment', 'Assigning variables is not allowed; write a single expression');
      case 'FunctionAssignmentNode':
        throw new CalculatorError('assignment', 'Defining functions is not allowed; write a single expression');
      case 'BlockNode':
        throw new CalculatorError('multiple', 'Only one expression is allowed (no ";" or line breaks)');
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (disabledNames.has(name)) throw new CalculatorError('disabled', `Function ${name} is disabled`);
        break;
      }
      case 'AccessorNode': {
        const index = (node as unknown as { index: { dotNotation?: boolean } }).index;
        if (index.dotNotation) throw new CalculatorError('property', 'Property access (a.b) is not allowed');
        break;
      }
      default:
        break;
    }
  });
}

/** Compiles (or takes from the cache) one checked expression. */
function compileChecked(safe: SafeMath, cache: Map<string, EvalFunction>, expression: string): EvalFunction {
  const cached = cache.get(expression);
  if (cached) return cached;
  const tree = safe.parse(expression);
  checkExpressionTree(tree);
  const compiled = tree.compile();
  if (cache.size >= CACHE_SIZE) {
    // Drop the oldest entry (Map keeps insertion order).
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(expression, compiled);
  return compiled;
}

/**
 * The result as text: plain notation up to `precision` digits (12502500, not 1.25025e+7),
 * exponent notation beyond. Plain numbers take a fast path (mathjs' format costs a few µs).
 */
export function formatResult(safe: SafeMath, result: unknown, precision: number): string {
  if (typeof result === 'number') {
    const fast = formatPlainNumber(result, precision);
    if (fast !== undefined) return fast;
  }
  return safe.format(result, { precision, lowerExp: -7, upperExp: precision });
}

/**
 * What mathjs would write for a number in [1e-6, 10^precision), or undefined outside the cases
 * where that is certain. mathjs rounds the shortest decimal form (String(n)) half up; toPrecision
 * rounds the binary value. They differ only when the digits past `precision` are exactly "5"
 * (a decimal tie); any other tail lies on the same side of the tie for both. Past 15 digits,
 * String() of the rounded number may drop digits mathjs keeps, so those go to mathjs too.
 */
function formatPlainNumber(value: number, precision: number): string | undefined {
  if (precision > 15 || !Number.isFinite(value) || value === 0) return undefined;
  const shortest = String(value);
  if (shortest.includes('e')) return undefined;
  const digits = shortest.replace('-', '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (digits.slice(precision) === '5') return undefined;
  const rounded = Number(value.toPrecision(precision));
  const magnitude = Math.abs(rounded);
  return magnitude >= 1e-6 && magnitude < 10 ** precision ? String(rounded) : undefined;
}

export interface CalculatorOutcome {
  readonly ok: boolean;
  readonly text: string;
  readonly code?: string;
}

/** Evaluates one expression to its formatted text, or a refusal message. Never throws. */
export function evaluateExpression(safe: SafeMath, cache: Map<string, EvalFunction>, expression: string, precision: number): CalculatorOutcome {
  const trimmed = expression.trim();
  if (trimmed.length === 0) return { ok: false, code: 'empty', text: 'The expression is empty' };
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, code: 'too_long', text: `The expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}` };
  }
  try {
    const result: unknown = compileChecked(safe, cache, trimmed).evaluate(new Map());
    if (typeof result === 'function') {
      return { ok: false, code: 'not_a_value', text: 'The expression names a function but does not call it' };
    }
    if (result === undefined) return { ok: false, code: 'not_a_value', text: 'The expression has no value' };
    const elements = elementCount(dimensions(safe.math, result));
    if (elements > MAX_RESULT_ELEMENTS) {
      return { ok: false, code: 'too_large', text: `The result has ${elements} elements; the limit is ${MAX_RESULT_ELEMENTS}` };
    }
    return { ok: true, text: formatResult(safe, result, precision) };
  } catch (err) {
    const code = err instanceof CalculatorError ? err.code : 'invalid';
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, code, text: message };
  }
}

const defaultInputSchema: JsonSchema = {
  type: 'object',
  properties: {
    expression: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_EXPRESSION_LENGTH,
      description: 'A math expression: arithmetic, functions (sqrt, sin, log, …), units ("5 cm to inch"), matrices ([1,2;3,4] * 2).',
      examples: ['(12.5 * 4) / 3', 'sqrt(2) ^ 2', '5 cm to inch', 'sin(pi / 4)'],
    },
  },
  required: ['expression'],
  additionalProperties: false,
};

const outputSchema: JsonSchema = {
  type: 'object',
  properties: {
    expression: { type: 'string', description: 'The expression as evaluated.' },
    result: { type: 'string', description: 'The formatted result.' },
  },
  required: ['expression', 'result'],
  additionalProperties: false,
};

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

export const calculatorKind: ToolKind = {
  kind: 'calculator',
  schema: {
    properties: {
      precision: {
        type: 'integer',
        minimum: 1,
        maximum: 64,
        default: DEFAULT_PRECISION,
        description: 'Significant digits in results (default 14).',
      },
    },
  },
  defaultAnnotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  defaultInputSchema,

  check(tool: ToolConfigBase, _config: McpConfig, index: number): ConfigIssue[] {
    const properties = (tool.inputSchema as { properties?: Record<string, unknown> }).properties;
    if (!properties || !('expression' in properties)) {
      return [{
        path: ['tools', index, 'inputSchema'],
        message: 'A calculator tool reads the argument "expression", but this input schema does not define it',
        hint: 'Remove inputSchema/input to use the default, or add an "expression" string property',
      }];
    }
    return [];
  },

  async create(tool: ToolConfigBase): Promise<RuntimeTool> {
    // Start loading mathjs now but do not wait: it takes hundreds of ms and would delay `serve`
    // becoming ready. The first call waits for it; a load failure becomes that call's error.
    const loading = loadSafeMath();
    loading.catch(() => undefined);
    const precision = typeof tool.precision === 'number' ? tool.precision : DEFAULT_PRECISION;
    const cache = new Map<string, EvalFunction>();
    const definition = {
      name: tool.name,
      ...(tool.title !== undefined ? { title: tool.title } : {}),
      description: tool.description,
      inputSchema: tool.inputSchema as RuntimeTool['definition']['inputSchema'],
      outputSchema: (tool.outputSchema ?? outputSchema) as RuntimeTool['definition']['outputSchema'],
      annotations: { ...tool.annotations },
    };
    return {
      definition,
      async call(args) {
        const expression = args.expression;
        if (typeof expression !== 'string') return errorResult('The argument "expression" must be a string');
        let safe: SafeMath;
        try {
          safe = await loading;
        } catch (err) {
          return errorResult(`The calculator could not start: ${err instanceof Error ? err.message : String(err)}`);
        }
        const outcome = evaluateExpression(safe, cache, expression, precision);
        if (!outcome.ok) return errorResult(outcome.text);
        return {
          content: [{ type: 'text', text: outcome.text }],
          structuredContent: { expression, result: outcome.text },
        };
      },
    };
  },
};
