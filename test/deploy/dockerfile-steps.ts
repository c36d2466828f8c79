// Replays the steps of a generated Dockerfile on this machine, without Docker: each stage gets a
// folder standing in for its filesystem root; COPY/RUN/ENV/WORKDIR run for real; CMD is returned.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { execa } from 'execa';

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Instructions in order, with `\` continuations joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = pending + line;
    pending = '';
    const space = full.indexOf(' ');
    result.push({ keyword: full.slice(0, space).toUpperCase(), args: full.slice(space + 1).trim() });
  }
  return result;
}

interface Stage {
  readonly root: string;
  workdir: string;
  env: Record<string, string>;
}

export interface ReplayResult {
  /** The runtime stage's filesystem root on this machine. */
  readonly root: string;
  /** CMD with its working directory (mapped) and the image's ENV. */
  readonly cmd: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly healthcheck?: readonly string[];
  /** The RUN commands exactly as written in the Dockerfile. */
  readonly runs: readonly string[];
}

/**
 * Runs the Dockerfile's steps with `context` as the build context. `runEnv` is added to RUN steps
 * (e.g. npm's offline cache settings); `rewriteRun` may adapt a command that needs the image (a user).
 */
export async function replayDockerfile(
  text: string,
  context: string,
  options: { runEnv?: Record<string, string>; rewriteRun?: (command: string) => string } = {},
): Promise<ReplayResult> {
  const stages = new Map<string, Stage>();
  let stage: Stage | undefined;
  let cmd: string[] = [];
  let healthcheck: string[] | undefined;
  const runs: string[] = [];
  const map = (s: Stage, path: string): string => join(s.root, posix.resolve(s.workdir, path));

  for (const { keyword, args } of parseDockerfile(text)) {
    switch (keyword) {
      case 'FROM': {
        const [, name] = /\bAS\s+(\S+)/i.exec(args) ?? [];
        stage = { root: mkdtempSync(join(tmpdir(), 'image-stage-')), workdir: '/', env: {} };
        stages.set(name ?? String(stages.size), stage);
        break;
      }
      case 'WORKDIR':
        stage!.workdir = posix.resolve(stage!.workdir, args);
        mkdirSync(map(stage!, '.'), { recursive: true });
        break;
      case 'ENV':
        for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) stage!.env[key!] = value!;
        break;
      case 'COPY': {
        const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
        const from = words[0]?.startsWith('--from=') ? stages.get(words.shift()!.slice('--from='.length)) : undefined;
        const dest = words.pop()!;
        for (const src of words) {
          const source = from ? join(from.root, src) : join(context, src);
          const target = dest.endsWith('/') ? join(map(stage!, dest), posix.basename(src)) : map(stage!, dest);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(source, target, { recursive: true });
        }
        break;
      }
      case 'RUN': {
        runs.push(args);
        // Absolute paths of the image live under the stage's root here.
        const command = (options.rewriteRun ?? ((c) => c))(args).replace(/(^|\s)\/(?=[a-z])/g, `$1${stage!.root}/`);
        await execa('sh', ['-c', command], { cwd: map(stage!, '.'), env: { ...stage!.env, ...options.runEnv }, stdio: 'pipe' });
        break;
      }
      case 'CMD':
        cmd = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK': {
        const at = args.indexOf('CMD ');
        healthcheck = JSON.parse(args.slice(at + 4)) as string[];
        break;
      }
      default:
        // USER, EXPOSE, STOPSIGNAL: properties of the container, nothing to replay.
        break;
    }
  }
  return { root: stage!.root, cmd, cwd: map(stage!, '.'), env: stage!.env, runs, ...(healthcheck ? { healthcheck } : {}) };
}
