// The project templates `init` offers: their names, what each is for, and where their files live.
import { join } from 'node:path';
import { packageRoot } from '../package-info.js';

export const TEMPLATE_NAMES = ['quickstart', 'binance', 'oauth-local', 'oauth-supabase', 'blank'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type AuthChoice = 'none' | 'oauth';

export interface TemplateInfo {
  readonly name: TemplateName;
  /** One line shown in the interactive picker and in `init --help`. */
  readonly hint: string;
  /** The auth mode its mcp.yaml declares. */
  readonly auth: AuthChoice;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  { name: 'quickstart', hint: 'search + fetch over sample documents, and a calculator', auth: 'none' },
  { name: 'binance', hint: 'an http tool: Binance candlestick data, no API key', auth: 'none' },
  { name: 'oauth-local', hint: 'quickstart behind sign-in, users stored locally', auth: 'oauth' },
  { name: 'oauth-supabase', hint: 'quickstart behind sign-in with your Supabase users', auth: 'oauth' },
  { name: 'blank', hint: 'one calculator tool and commented examples of every kind', auth: 'none' },
];

export function isTemplateName(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value);
}

export function templateInfo(name: TemplateName): TemplateInfo {
  return TEMPLATES.find((t) => t.name === name) as TemplateInfo;
}

/** Folder holding the templates (shipped in the package's `files`). */
export function templatesRoot(): string {
  return join(packageRoot, 'templates');
}

/**
 * The template to copy for a template + auth choice. quickstart with OAuth is exactly oauth-local,
 * so it is used as is (its README and .env.example already explain sign-in).
 */
export function resolveTemplate(name: TemplateName, auth: AuthChoice | undefined): TemplateName {
  return name === 'quickstart' && auth === 'oauth' ? 'oauth-local' : name;
}
