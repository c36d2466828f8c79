// Worker-thread entry for calculator expressions that may run long (matrices, factorials, primes…):
// the isolated evaluator terminates this thread when one overruns, so the server never stalls.
import { parentPort } from 'node:worker_threads';
import { evaluateExpression, type CalculatorOutcome, type PreparedExpression } from './evaluate.js';
import { loadSafeMath } from './safe-math.js';

export interface WorkerJob {
  readonly id: number;
  readonly expression: string;
  readonly precision: number;
}

export type WorkerReply = { readonly ready: true } | { readonly id: number; readonly outcome: CalculatorOutcome };

const port = parentPort;
if (port) {
  const safe = await loadSafeMath();
  const cache = new Map<string, PreparedExpression>();
  port.on('message', (job: WorkerJob) => {
    const reply: WorkerReply = { id: job.id, outcome: evaluateExpression(safe, cache, job.expression, job.precision) };
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}
