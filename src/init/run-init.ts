// `init` end to end: choices (flags or prompts) → template files → scaffold → checks → write → next steps.
import { join, resolve } from 'node:path';
import type { InitChoices, InitFlags } from './choices.js';
import { choicesFromFlags } from './choices.js';
import { isInitProblem, type InitProblem } from './problems.js';
import { readTemplate, type TemplateFiles } from './read-template.js';
import { scaffoldProject, templateTools, type ProjectFile } from './scaffold.js';
import { resolveTemplate, templateInfo, templatesRoot, type TemplateName } from './templates.js';
import { checkTarget, writeProject, type WriteResult } from './write-project.js';

export interface InitRequest {
  readonly dir: string | undefined;
  readonly flags: InitFlags;
  readonly force: boolean;
  /** Ask the questions the flags did not answer (stdin is a terminal and no --yes). */
  readonly interactive: boolean;
  readonly version: string;
  /** Where templates live (tests may point elsewhere). */
  readonly templatesDir?: string;
}

export interface InitOutcome {
  readonly choices: InitChoices;
  readonly template: TemplateName;
  readonly root: string;
  readonly written: WriteResult;
  readonly nextSteps: readonly string[];
}

export async function runInit(request: InitRequest): Promise<InitOutcome | InitProblem> {
  const root = request.templatesDir ?? templatesRoot();
  const load = async (name: TemplateName): Promise<TemplateFiles> => readTemplate(join(root, name));

  let choices: InitChoices | InitProblem;
  if (request.interactive) {
    const { promptChoices } = await import('./prompts.js');
    choices = await promptChoices(request.dir, request.flags, { version: request.version, toolsOf: async (t) => templateTools(await load(t)) });
  } else {
    choices = choicesFromFlags(request.dir ?? '.', request.flags);
  }
  if (isInitProblem(choices)) return choices;

  const template = resolveTemplate(choices.template, choices.auth);
  const needsOAuth = choices.auth === 'oauth' && templateInfo(template).auth === 'none';
  const files = scaffoldProject({
    files: await load(template),
    version: request.version,
    ...(choices.name !== undefined ? { name: choices.name } : {}),
    ...(choices.tools !== undefined ? { tools: choices.tools } : {}),
    ...(needsOAuth ? { addOAuthFrom: await load('oauth-local') } : {}),
  });
  if (isInitProblem(files)) return files;

  const target = resolve(choices.dir);
  const blocked = await checkTarget(target, files, request.force);
  if (blocked) return blocked;
  const written = await writeProject(target, files);
  return { choices, template, root: target, written, nextSteps: nextSteps(choices.dir, template, files) };
}

/** The three commands to run next, for this template. */
export function nextSteps(dir: string, template: TemplateName, files: readonly ProjectFile[]): string[] {
  // The folder as the user typed it works from where they are; `.` needs no cd.
  const here = resolve(dir) === process.cwd();
  const install = here ? 'npm install' : `cd ${/[\s'"$]/.test(dir) ? JSON.stringify(dir) : dir} && npm install`;
  const config = files.find((f) => f.path === 'mcp.yaml')?.contents ?? '';
  if (template === 'oauth-supabase') return [install, 'cp .env.example .env      # then fill in SUPABASE_URL and SUPABASE_ANON_KEY', 'npm run dev'];
  if (/^\s+users: local\b/m.test(config)) return [install, 'npx mcp-devmode users add you@example.com   # an account to sign in with', 'npm run dev'];
  return [install, 'npm run dev               # serves http://127.0.0.1:8080/mcp and reloads on edits', 'npm run doctor            # checks it the way ChatGPT will'];
}
