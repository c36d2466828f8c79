// Parsing, checking, classifying and evaluating one calculator expression, and formatting results.
import type { EvalFunction, MathNode } from 'mathjs';
import { CalculatorError, dimensions, disabledNames, elementCount, type SafeMath } from './safe-math.js';

/** Longest expression accepted (characters). */
export const MAX_EXPRESSION_LENGTH = 1000;
/** Most elements a result may have; larger results are refused rather than formatted. */
export const MAX_RESULT_ELEMENTS = 1_000;
/** Longest result text returned (a fraction to a huge power has hundreds of thousands of digits). */
export const MAX_RESULT_CHARS = 10_000;
/** Compiled expressions kept; bounded so a stream of distinct inputs cannot grow memory. */
const CACHE_SIZE = 512;

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

/**
 * Functions that finish in microseconds for any scalar arguments. An expression made only of
 * numbers, units, constants, operators (except n!) and these runs inline; anything else (matrices,
 * ranges, factorials, primes, decompositions, …) can take seconds and runs in the isolated worker.
 */
const INLINE_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs', 'add', 'subtract', 'multiply', 'divide', 'mod', 'pow', 'sqrt', 'cbrt', 'nthRoot', 'square', 'cube',
  'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'round', 'floor', 'ceil', 'fix', 'sign', 'hypot', 'gcd', 'lcm',
  'unaryMinus', 'unaryPlus', 'max', 'min', 'mean', 'median', 'sum', 'prod', 'std', 'variance',
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'atan2', 'asec', 'acsc', 'acot',
  'sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth', 'asinh', 'acosh', 'atanh', 'asech', 'acsch', 'acoth',
  're', 'im', 'arg', 'conj', 'complex', 'bignumber', 'number', 'unit', 'to', 'string', 'format', 'hex', 'bin', 'oct',
  'equal', 'unequal', 'larger', 'largerEq', 'smaller', 'smallerEq', 'compare', 'and', 'or', 'not', 'xor',
  'isInteger', 'isNaN', 'isNegative', 'isPositive', 'isZero', 'isNumeric', 'typeOf', 'random', 'randomInt', 'erf', 'lgamma',
]);

/** Whether the parsed expression is scalar work that cannot run long (see INLINE_FUNCTIONS). */
export function runsInline(root: MathNode, math: SafeMath['math']): boolean {
  let inline = true;
  const functions = math as unknown as Record<string, unknown>;
  root.traverse((node, _path, parent) => {
    if (!inline) return;
    switch (node.type) {
      case 'ConstantNode':
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      case 'OperatorNode':
        if ((node as unknown as { fn: string }).fn === 'factorial') inline = false;
        return;
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : undefined;
        if (!name || !INLINE_FUNCTIONS.has(name)) inline = false;
        return;
      }
      case 'SymbolNode': {
        // Units and constants are values; a function named as a value (map(x, f)) is not inline.
        const name = (node as unknown as { name: string }).name;
        const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
        if (!isCallee && typeof functions[name] === 'function') inline = false;
        return;
      }
      default:
        inline = false; // arrays, ranges, indexing, objects
    }
  });
  return inline;
}

/** Functions whose value changes from call to call: their expressions are never memoized. */
const NONDETERMINISTIC: ReadonlySet<string> = new Set(['random', 'randomInt', 'pickRandom']);

function isDeterministic(root: MathNode): boolean {
  let deterministic = true;
  root.traverse((node) => {
    if (node.type === 'SymbolNode' && NONDETERMINISTIC.has((node as unknown as { name: string }).name)) deterministic = false;
  });
  return deterministic;
}

export interface PreparedExpression {
  readonly compiled: EvalFunction;
  readonly inline: boolean;
  /** False when the expression calls random(), randomInt() or pickRandom(). */
  readonly deterministic: boolean;
  /**
   * The outcome of an inline, deterministic expression at one precision, kept with the compiled
   * expression: evaluating and formatting cost more than the rest of a tools/call.
   */
  memo?: { readonly precision: number; readonly outcome: CalculatorOutcome };
}

/** Parses, checks and compiles (or takes from the cache) one trimmed expression. Throws on refusal. */
export function prepareExpression(safe: SafeMath, cache: Map<string, PreparedExpression>, expression: string): PreparedExpression {
  const cached = cache.get(expression);
  if (cached) return cached;
  const tree = safe.parse(expression);
  checkExpressionTree(tree);
  const prepared: PreparedExpression = { compiled: tree.compile(), inline: runsInline(tree, safe.math), deterministic: isDeterministic(tree) };
  if (cache.size >= CACHE_SIZE) {
    // Drop the oldest entry (Map keeps insertion order).
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(expression, prepared);
  return prepared;
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

/** A refusal or error as an outcome (never a stack trace). */
export function failure(err: unknown): CalculatorOutcome {
  const code = err instanceof CalculatorError ? err.code : 'invalid';
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, code, text: message };
}

/** Length and emptiness checks before parsing; undefined when the input may be parsed. */
export function checkInput(expression: string): CalculatorOutcome | undefined {
  if (expression.trim().length === 0) return { ok: false, code: 'empty', text: 'The expression is empty' };
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, code: 'too_long', text: `The expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}` };
  }
  return undefined;
}

/**
 * runPrepared, memoized for deterministic expressions: the same expression at the same precision
 * always has the same outcome, and the entry lives only as long as the compiled expression does.
 */
export function runPreparedMemo(safe: SafeMath, prepared: PreparedExpression, precision: number): CalculatorOutcome {
  if (!prepared.deterministic) return runPrepared(safe, prepared, precision);
  const memo = prepared.memo;
  if (memo && memo.precision === precision) return memo.outcome;
  const outcome = runPrepared(safe, prepared, precision);
  prepared.memo = { precision, outcome };
  return outcome;
}

/** Runs a prepared expression and formats its value, or explains why not. Never throws. */
export function runPrepared(safe: SafeMath, prepared: PreparedExpression, precision: number): CalculatorOutcome {
  try {
    const result: unknown = prepared.compiled.evaluate(new Map());
    if (typeof result === 'function') {
      return { ok: false, code: 'not_a_value', text: 'The expression names a function but does not call it' };
    }
    if (result === undefined) return { ok: false, code: 'not_a_value', text: 'The expression has no value' };
    const elements = elementCount(dimensions(safe.math, result));
    if (elements > MAX_RESULT_ELEMENTS) {
      return { ok: false, code: 'too_large', text: `The result has ${elements} elements; the limit is ${MAX_RESULT_ELEMENTS}` };
    }
    const text = formatResult(safe, result, precision);
    if (text.length > MAX_RESULT_CHARS) {
      return { ok: false, code: 'too_large', text: `The result is ${text.length} characters long; the limit is ${MAX_RESULT_CHARS}` };
    }
    return { ok: true, text };
  } catch (err) {
    return failure(err);
  }
}

/** Checks, prepares and runs one expression in this thread. Never throws. */
export function evaluateExpression(safe: SafeMath, cache: Map<string, PreparedExpression>, expression: string, precision: number): CalculatorOutcome {
  const refused = checkInput(expression);
  if (refused) return refused;
  try {
    return runPreparedMemo(safe, prepareExpression(safe, cache, expression.trim()), precision);
  } catch (err) {
    return failure(err);
  }
}
