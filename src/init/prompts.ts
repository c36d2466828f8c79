// The interactive `init` flow (a terminal on stdin): name, template, auth, tools — flags given on
// the command line are taken as answers and not asked again.
import { basename, resolve } from 'node:path';
import * as p from '@clack/prompts';
import { checkAuthForTemplate, parseAuthFlag, parseTemplateFlag, parseToolsFlag, type InitChoices, type InitFlags } from './choices.js';
import type { InitProblem } from './problems.js';
import type { TemplateTool } from './scaffold.js';
import { projectSlug } from './scaffold.js';
import { resolveTemplate, TEMPLATES, templateInfo, type AuthChoice, type TemplateName } from './templates.js';

const CANCELLED: InitProblem = { code: 'INIT_CANCELLED', message: 'cancelled; nothing was written' };

export interface PromptDeps {
  /** The tools a template offers (read from its mcp.yaml). */
  readonly toolsOf: (template: TemplateName) => Promise<readonly TemplateTool[]>;
  readonly version: string;
}

export async function promptChoices(dirArg: string | undefined, flags: InitFlags, deps: PromptDeps): Promise<InitChoices | InitProblem> {
  p.intro(`mcp-devmode ${deps.version}: a new MCP server for ChatGPT`);

  let dir = dirArg;
  if (dir === undefined) {
    const answer = await p.text({ message: 'Where should the project go?', placeholder: './my-mcp-server', defaultValue: 'my-mcp-server' });
    if (p.isCancel(answer)) return cancelled();
    dir = answer.trim() || 'my-mcp-server';
  }

  let name = flags.name;
  if (name === undefined) {
    const suggested = projectSlug(basename(resolve(dir))) || 'my-mcp-server';
    const answer = await p.text({
      message: 'Project name',
      placeholder: suggested,
      defaultValue: suggested,
      validate: (value) => (value && projectSlug(value) === '' ? 'use letters, digits and dashes' : undefined),
    });
    if (p.isCancel(answer)) return cancelled();
    name = answer.trim() || suggested;
  }

  let template = parseTemplateFlag(flags.template);
  if (typeof template === 'object') return template;
  if (template === undefined) {
    const answer = await p.select<TemplateName>({
      message: 'Template',
      options: TEMPLATES.map((t) => ({ value: t.name, label: t.name, hint: t.hint })),
      initialValue: 'quickstart',
    });
    if (p.isCancel(answer)) return cancelled();
    template = answer;
  }

  let auth = parseAuthFlag(flags.auth);
  if (typeof auth === 'object') return auth;
  if (auth === undefined && templateInfo(template).auth === 'none') {
    const answer = await p.select<AuthChoice>({
      message: 'Who may use the tools?',
      options: [
        { value: 'none', label: 'anyone with the URL', hint: 'auth: none' },
        { value: 'oauth', label: 'signed-in users only', hint: 'OAuth, users stored locally' },
      ],
      initialValue: 'none',
    });
    if (p.isCancel(answer)) return cancelled();
    auth = answer;
  }
  const checked = checkAuthForTemplate(template, auth);
  if (typeof checked === 'object') return checked;

  let tools = parseToolsFlag(flags.tools);
  const offered = await deps.toolsOf(resolveTemplate(template, checked));
  if (tools === undefined && offered.length > 1) {
    const answer = await p.multiselect<string>({
      message: 'Example tools to include',
      options: offered.map((t) => ({ value: t.name, label: t.name, hint: t.kind })),
      initialValues: offered.map((t) => t.name),
      required: true,
    });
    if (p.isCancel(answer)) return cancelled();
    tools = answer;
  }

  p.outro(`Creating ${dir}`);
  return { dir, name, template, auth: checked, ...(tools ? { tools } : {}) };
}

function cancelled(): InitProblem {
  p.cancel('Cancelled.');
  return CANCELLED;
}
