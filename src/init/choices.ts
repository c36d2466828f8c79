// What the user chose for a new project, from flags or from the prompts, and how flags are checked.
import type { InitProblem } from './problems.js';
import { isTemplateName, templateInfo, TEMPLATE_NAMES, type AuthChoice, type TemplateName } from './templates.js';

export interface InitChoices {
  readonly dir: string;
  readonly name?: string;
  readonly template: TemplateName;
  readonly auth: AuthChoice;
  /** Tools to keep (undefined = all of the template's). */
  readonly tools?: readonly string[];
}

export interface InitFlags {
  readonly template?: string;
  readonly auth?: string;
  readonly name?: string;
  readonly tools?: string;
}

export function parseTemplateFlag(value: string | undefined): TemplateName | undefined | InitProblem {
  if (value === undefined) return undefined;
  if (isTemplateName(value)) return value;
  return { code: 'INIT_UNKNOWN_TEMPLATE', message: `unknown template "${value}"`, hint: `choose one of: ${TEMPLATE_NAMES.join(', ')}` };
}

export function parseAuthFlag(value: string | undefined): AuthChoice | undefined | InitProblem {
  if (value === undefined || value === 'none' || value === 'oauth') return value;
  return { code: 'INIT_BAD_AUTH', message: `--auth must be none or oauth, got "${value}"`, hint: 'use --auth none or --auth oauth' };
}

/** An OAuth template cannot be made public with --auth none: its tools declare scopes. */
export function checkAuthForTemplate(template: TemplateName, auth: AuthChoice | undefined): AuthChoice | InitProblem {
  const declared = templateInfo(template).auth;
  if (auth === undefined) return declared;
  if (declared === 'oauth' && auth === 'none') {
    return { code: 'INIT_BAD_AUTH', message: `the ${template} template is built around sign-in, so --auth none does not fit`, hint: 'use --template quickstart for the same tools without sign-in' };
  }
  return auth;
}

export function parseToolsFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Choices from flags alone (non-interactive): defaults are quickstart and the template's auth. */
export function choicesFromFlags(dir: string, flags: InitFlags): InitChoices | InitProblem {
  const template = parseTemplateFlag(flags.template);
  if (typeof template === 'object') return template;
  const auth = parseAuthFlag(flags.auth);
  if (typeof auth === 'object') return auth;
  const chosen = template ?? 'quickstart';
  const checked = checkAuthForTemplate(chosen, auth);
  if (typeof checked === 'object') return checked;
  const tools = parseToolsFlag(flags.tools);
  return { dir, template: chosen, auth: checked, ...(flags.name !== undefined ? { name: flags.name } : {}), ...(tools ? { tools } : {}) };
}
