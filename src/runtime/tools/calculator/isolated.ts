// Runs calculator expressions that may take long in one worker thread, one at a time, each with a
// time budget: an overrun (or running out of memory) kills the worker and answers with an error.
// mathjs' own advice for untrusted input (https://mathjs.org/docs/expressions/security.html).
import { Worker } from 'node:worker_threads';
import type { CalculatorOutcome } from './evaluate.js';
import type { WorkerJob, WorkerReply } from './worker.js';

/** Default time budget for one isolated expression. */
export const DEFAULT_TIMEOUT_MS = 2000;
/** Expressions waiting for the worker beyond this are turned away rather than queued. */
const MAX_WAITING = 64;
/** Heap for the worker: mathjs needs ~30 MB; the rest bounds what one expression may build. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 };

interface Job extends WorkerJob {
  readonly timeoutMs: number;
  readonly resolve: (outcome: CalculatorOutcome) => void;
  timer?: NodeJS.Timeout;
}

function workerUrl(): URL {
  // Under the TypeScript sources (tests) there is no worker.js beside this file: use the build.
  if (import.meta.url.endsWith('.ts')) return new URL('../../../../dist/runtime/tools/calculator/worker.js', import.meta.url);
  return new URL('./worker.js', import.meta.url);
}

export class IsolatedEvaluator {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private readonly waiting: Job[] = [];
  private current: Job | undefined;
  private nextId = 1;

  evaluate(expression: string, precision: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CalculatorOutcome> {
    if (this.waiting.length >= MAX_WAITING) {
      return Promise.resolve({ ok: false, code: 'busy', text: 'The calculator is busy with long expressions; try again shortly' });
    }
    return new Promise((resolve) => {
      this.waiting.push({ id: this.nextId++, expression, precision, timeoutMs, resolve });
      this.pump();
    });
  }

  /** Stops the worker; waiting expressions are answered with an error. */
  async close(): Promise<void> {
    const jobs = [...(this.current ? [this.current] : []), ...this.waiting.splice(0)];
    this.current = undefined;
    for (const job of jobs) this.settle(job, { ok: false, code: 'closed', text: 'The calculator was shut down' });
    await this.discardWorker();
  }

  private pump(): void {
    if (this.current || this.waiting.length === 0) return;
    const job = this.waiting.shift()!;
    this.current = job;
    this.worker?.ref();
    this.startWorker().then(
      (worker) => {
        if (this.current !== job) return;
        // The budget starts once the worker is up (loading mathjs is not the expression's fault).
        job.timer = setTimeout(() => {
          void this.discardWorker();
          this.finish(job, { ok: false, code: 'timeout', text: `The expression took longer than ${job.timeoutMs} ms and was stopped` });
        }, job.timeoutMs);
        const message: WorkerJob = { id: job.id, expression: job.expression, precision: job.precision };
        worker.postMessage(message);
      },
      (err: unknown) => {
        void this.discardWorker();
        this.finish(job, { ok: false, code: 'unavailable', text: `The calculator could not start: ${err instanceof Error ? err.message : String(err)}` });
      },
    );
  }

  private finish(job: Job, outcome: CalculatorOutcome): void {
    if (this.current !== job) return;
    this.current = undefined;
    this.settle(job, outcome);
    this.pump();
    // Referenced only while it has work: an idle calculator never keeps the process alive, a
    // busy one does (a one-shot `call` must not exit before its answer).
    if (!this.current) this.worker?.unref();
  }

  private settle(job: Job, outcome: CalculatorOutcome): void {
    if (job.timer) clearTimeout(job.timer);
    job.resolve(outcome);
  }

  private startWorker(): Promise<Worker> {
    if (this.ready) return this.ready;
    const worker = new Worker(workerUrl(), { resourceLimits: WORKER_LIMITS });
    this.worker = worker;
    this.ready = new Promise<Worker>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) {
          resolve(worker);
          return;
        }
        if (this.current?.id === reply.id) this.finish(this.current, reply.outcome);
      });
      worker.once('error', (err: Error & { code?: string }) => {
        reject(err);
        if (this.worker !== worker) return;
        void this.discardWorker();
        const job = this.current;
        if (!job) return;
        const text = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'The expression needed too much memory and was stopped' : `The calculator failed: ${err.message}`;
        this.finish(job, { ok: false, code: 'failed', text });
      });
      worker.once('exit', () => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = undefined;
        }
      });
    });
    // A rejection is handled by whoever awaits `ready`; do not report it as unhandled here.
    this.ready.catch(() => undefined);
    return this.ready;
  }

  private async discardWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }
}
