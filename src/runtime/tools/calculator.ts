// The `calculator` tool kind: evaluates one arithmetic/unit/matrix expression with a locked-down
// mathjs. Scalar expressions run inline on the hot path; anything that could run long runs in a
// worker thread with a time budget. The pieces live in ./calculator/.
import type { ConfigIssue, JsonSchema, McpConfig, ToolConfigBase } from '../../config/types.js';
import type { CallToolResult, RuntimeTool, ToolKind } from './types.js';
import { checkInput, failure, MAX_EXPRESSION_LENGTH, prepareExpression, runPreparedMemo, type CalculatorOutcome, type PreparedExpression } from './calculator/evaluate.js';
import { DEFAULT_TIMEOUT_MS, IsolatedEvaluator } from './calculator/isolated.js';
import { loadSafeMath, safeMathIfLoaded, type SafeMath } from './calculator/safe-math.js';
import { toolDefinition } from './definition.js';

export { formatResult, MAX_EXPRESSION_LENGTH, MAX_RESULT_CHARS, MAX_RESULT_ELEMENTS } from './calculator/evaluate.js';
export { loadSafeMath, MAX_MATRIX_ELEMENTS } from './calculator/safe-math.js';

const DEFAULT_PRECISION = 14;

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

function toResult(expression: string, outcome: CalculatorOutcome): CallToolResult {
  if (!outcome.ok) return { content: [{ type: 'text', text: outcome.text }], isError: true };
  return { content: [{ type: 'text', text: outcome.text }], structuredContent: { expression, result: outcome.text } };
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
      timeoutMs: {
        type: 'integer',
        minimum: 100,
        maximum: 60_000,
        default: DEFAULT_TIMEOUT_MS,
        description: 'Time budget for expressions that may run long (matrices, factorials, primes), in ms (default 2000).',
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
    // mathjs loads on the first call, not here: its import blocks the event loop for hundreds of
    // ms and adds ~40 MB, which would delay `serve` becoming ready and weigh on idle servers.
    const precision = typeof tool.precision === 'number' ? tool.precision : DEFAULT_PRECISION;
    const timeoutMs = typeof tool.timeoutMs === 'number' ? tool.timeoutMs : DEFAULT_TIMEOUT_MS;
    const cache = new Map<string, PreparedExpression>();
    // The worker for long expressions starts on the first one and stops with the tool.
    let isolated: IsolatedEvaluator | undefined;
    const definition = toolDefinition(tool, tool.outputSchema ?? outputSchema);
    return {
      definition,
      async call(args) {
        const expression = args.expression;
        if (typeof expression !== 'string') return toResult('', { ok: false, text: 'The argument "expression" must be a string' });
        const refused = checkInput(expression);
        if (refused) return toResult(expression, refused);
        let safe: SafeMath;
        try {
          safe = safeMathIfLoaded() ?? (await loadSafeMath());
        } catch (err) {
          return toResult(expression, { ok: false, text: `The calculator could not start: ${err instanceof Error ? err.message : String(err)}` });
        }
        // Parsing and the tree checks run here (bounded by the input length); evaluation runs
        // here only when the expression cannot take long.
        const trimmed = expression.trim();
        let prepared: PreparedExpression;
        try {
          prepared = prepareExpression(safe, cache, trimmed);
        } catch (err) {
          return toResult(expression, failure(err));
        }
        if (prepared.inline) return toResult(expression, runPreparedMemo(safe, prepared, precision));
        isolated ??= new IsolatedEvaluator();
        return toResult(expression, await isolated.evaluate(trimmed, precision, timeoutMs));
      },
      async close() {
        await isolated?.close();
      },
    };
  },
};
