// A locked-down mathjs instance: the security recipe's functions replaced by throwers, matrix
// builders checked for size before they allocate (https://mathjs.org/docs/expressions/security.html).
import type { MathJsInstance, MathNode } from 'mathjs';

/** Most elements any matrix-building function may create (1:1e9 would exhaust memory). */
export const MAX_MATRIX_ELEMENTS = 10_000;

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
export const disabledNames: ReadonlySet<string> = new Set([...DISABLED_FUNCTIONS, 'config', 'typed']);

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
  safeMathPromise ??= import('mathjs').then(({ create, all }) => (loadedSafeMath = buildSafeMath(create(all ?? {}))));
  return safeMathPromise;
}

let loadedSafeMath: SafeMath | undefined;

/** The instance once loadSafeMath() has finished, so calls after the first need not await it. */
export function safeMathIfLoaded(): SafeMath | undefined {
  return loadedSafeMath;
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
export function toArray(value: unknown): unknown {
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
export function dimensions(math: MathJsInstance, value: unknown): number[] {
  const plain = toArray(value);
  if (!Array.isArray(plain)) return [];
  return toArray(math.size(plain) as unknown) as number[];
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, n) => product * n, 1);
}

/** Output size of kron (product of both sizes) and diag (n² from a vector of n). */
function growthSize(math: MathJsInstance, fn: string, args: unknown[]): number {
  if (fn === 'kron') return elementCount(dimensions(math, args[0])) * elementCount(dimensions(math, args[1]));
  const dims = dimensions(math, args[0]);
  const n = elementCount(dims);
  return dims.length === 1 ? n * n : n;
}

