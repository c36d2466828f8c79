// Shared by the in-process dev tests: an output that records what dev prints, a project made from
// a template, and "edit a file, wait for the reload it triggers".
import { join } from 'node:path';
import { readTemplate } from '../../src/init/read-template.js';
import { scaffoldProject, type ProjectFile, type ScaffoldRequest } from '../../src/init/scaffold.js';
import { templatesRoot, type TemplateName } from '../../src/init/templates.js';
import { writeProject } from '../../src/init/write-project.js';
import type { DevOutput, DevSession, ReloadOutcome } from '../../src/dev/session.js';

export interface ProgressRecord {
  readonly label: string;
  readonly updates: [number, number | undefined][];
  finished?: string;
}

export interface CapturedOutput {
  readonly out: DevOutput;
  readonly lines: string[];
  readonly progress: ProgressRecord[];
}

const plain = (s: string): string => s;

export function captureOutput(): CapturedOutput {
  const lines: string[] = [];
  const progress: ProgressRecord[] = [];
  const out: DevOutput = {
    color: { bold: plain, green: plain, red: plain, yellow: plain, cyan: plain, dim: plain },
    info: (t) => void lines.push(t),
    debug: () => undefined,
    warn: (t) => void lines.push(`warning: ${t}`),
    error: (t) => void lines.push(t),
    progress: (label) => {
      const entry: ProgressRecord = { label, updates: [] };
      progress.push(entry);
      return { update: (done, total) => void entry.updates.push([done, total]), finish: (message) => void (entry.finished = message) };
    },
  };
  return { out, lines, progress };
}

/** Writes a project from a template into dir, as `init` would. */
export async function scaffoldInto(dir: string, template: TemplateName, extra: Partial<ScaffoldRequest> = {}): Promise<void> {
  const files = scaffoldProject({ files: await readTemplate(join(templatesRoot(), template)), version: '0.0.0', ...extra });
  if (!Array.isArray(files)) throw new Error(files.message);
  await writeProject(dir, files as ProjectFile[]);
}

/** Runs an edit and resolves with the reload the file watcher triggers. */
export async function editAndWait(session: DevSession, captured: CapturedOutput, edit: () => Promise<void>, timeoutMs = 15_000): Promise<ReloadOutcome> {
  let stop = (): void => undefined;
  const next = new Promise<ReloadOutcome>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reload within ${timeoutMs} ms; output:\n${captured.lines.join('\n')}`)), timeoutMs);
    stop = session.onReload((outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    });
  });
  try {
    await edit();
    return await next;
  } finally {
    stop();
  }
}
