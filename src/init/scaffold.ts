// Pure: a template's files + the user's choices → the files of a new project (mcp.yaml edited
// in place so its comments survive, package.json, README, .env.example, .gitignore, data/).
import { isMap, isScalar, isSeq } from 'yaml';
import type { InitProblem } from './problems.js';
import type { TemplateFiles } from './read-template.js';
import { parseTemplateYaml, sequenceItemBlocks, spliceBlocks, topLevelBlocks, type TextBlock } from './yaml-blocks.js';

export interface ProjectFile {
  readonly path: string;
  readonly contents: string;
}

export interface TemplateTool {
  readonly name: string;
  readonly kind: string;
  readonly corpus?: string;
}

export interface ScaffoldRequest {
  readonly files: TemplateFiles;
  /** Project name; also the server `name` and the package name (after slugging). Default: the template's. */
  readonly name?: string;
  /** Tools to keep, by name (default all). */
  readonly tools?: readonly string[];
  /** oauth-local's files, to add sign-in to a template without it. */
  readonly addOAuthFrom?: TemplateFiles;
  /** mcp-devmode version the project depends on (`^version`). */
  readonly version: string;
}

const CONFIG = 'mcp.yaml';

/** An npm- and MCP-friendly slug: lowercase letters, digits, dots, dashes, underscores. */
export function projectSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 214);
}

/** The tools a template declares, in order. */
export function templateTools(files: TemplateFiles): TemplateTool[] {
  const doc = parseTemplateYaml(files.get(CONFIG) ?? '');
  const tools = doc.get('tools', true);
  if (!isSeq(tools)) return [];
  return tools.items.filter(isMap).map((item) => {
    const corpus = item.get('corpus');
    return { name: String(item.get('name')), kind: String(item.get('kind')), ...(typeof corpus === 'string' ? { corpus } : {}) };
  });
}

export function scaffoldProject(request: ScaffoldRequest): ProjectFile[] | InitProblem {
  const template = request.files.get(CONFIG);
  if (template === undefined) return { code: 'INIT_TEMPLATE_BROKEN', message: 'the template has no mcp.yaml', hint: 'reinstall mcp-devmode' };
  const slug = request.name === undefined ? undefined : projectSlug(request.name);
  if (slug === '') return { code: 'INIT_BAD_NAME', message: `"${request.name ?? ''}" has no letters or digits to name a project with`, hint: 'use a name like my-mcp-server' };

  const available = templateTools(request.files);
  const keep = request.tools ?? available.map((t) => t.name);
  const unknown = keep.filter((name) => !available.some((t) => t.name === name));
  if (unknown.length > 0) {
    return { code: 'INIT_UNKNOWN_TOOL', message: `the template has no tool ${unknown.map((n) => `"${n}"`).join(', ')}`, hint: `choose from: ${available.map((t) => t.name).join(', ')}` };
  }
  if (keep.length === 0) return { code: 'INIT_NO_TOOLS', message: 'no tools selected', hint: `keep at least one of: ${available.map((t) => t.name).join(', ')}` };
  const usesCorpus = available.some((t) => t.corpus !== undefined && keep.includes(t.name));

  const files = new Map(request.files);
  files.set(CONFIG, editConfig(template, { slug, keep, dropCorpora: !usesCorpus, oauthConfig: request.addOAuthFrom?.get(CONFIG) }));
  if (!usesCorpus) for (const path of [...files.keys()]) if (path.startsWith('data/')) files.delete(path);
  if (request.addOAuthFrom) {
    files.set('.env.example', mergeEnvExample(files.get('.env.example') ?? '', request.addOAuthFrom.get('.env.example') ?? ''));
    files.set('README.md', `${(files.get('README.md') ?? '').trimEnd()}\n\n${SIGN_IN_SECTION}`);
  }
  if (request.name !== undefined) files.set('README.md', retitleReadme(files.get('README.md') ?? '', request.name.trim()));
  const packageName = slug ?? projectSlug(String(parseTemplateYaml(template).get('name') ?? 'mcp-server'));
  files.set('package.json', packageJson(packageName, request.version));
  return [...files].map(([path, contents]) => ({ path, contents })).sort((a, b) => a.path.localeCompare(b.path));
}

interface ConfigEdits {
  readonly slug: string | undefined;
  readonly keep: readonly string[];
  readonly dropCorpora: boolean;
  /** The oauth-local mcp.yaml whose `auth` and `storage` blocks replace this one's `auth`. */
  readonly oauthConfig: string | undefined;
}

function editConfig(text: string, edits: ConfigEdits): string {
  const doc = parseTemplateYaml(text);
  const blocks = topLevelBlocks(text, doc);
  const splices: { block: TextBlock; text: string }[] = [];

  const nameNode = doc.get('name', true);
  if (edits.slug !== undefined && isScalar(nameNode) && nameNode.range) {
    splices.push({ block: { start: nameNode.range[0], end: nameNode.range[1] }, text: yamlString(edits.slug) });
  }
  const tools = doc.get('tools', true);
  const items = isSeq(tools) ? tools.items : [];
  sequenceItemBlocks(text, doc, 'tools').forEach((block, i) => {
    const item = items[i];
    const name = isMap(item) ? String(item.get('name')) : '';
    if (!edits.keep.includes(name)) splices.push({ block, text: '' });
  });
  const corpora = blocks.get('corpora');
  if (edits.dropCorpora && corpora) splices.push({ block: corpora, text: '' });
  const auth = blocks.get('auth');
  if (edits.oauthConfig !== undefined && auth) splices.push({ block: auth, text: oauthBlocks(edits.oauthConfig) });
  return spliceBlocks(text, splices);
}

/** A slug as a YAML string: plain when YAML would read it as text, quoted when it looks like a number or boolean. */
function yamlString(slug: string): string {
  const plain = /^[a-z][a-z0-9._-]*$/.test(slug) && !/^(true|false|null|yes|no|on|off|y|n)$/.test(slug);
  return plain ? slug : JSON.stringify(slug);
}

/** The `auth` and `storage` blocks (with their comments) of the OAuth template, as one text. */
function oauthBlocks(oauthConfig: string): string {
  const blocks = topLevelBlocks(oauthConfig, parseTemplateYaml(oauthConfig));
  return ['auth', 'storage'].map((key) => {
    const block = blocks.get(key);
    return block ? oauthConfig.slice(block.start, block.end) : '';
  }).join('');
}

/** Adds the OAuth template's variables (with their comments) that this file does not list yet. */
function mergeEnvExample(base: string, oauth: string): string {
  const listed = new Set([...base.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  const added: string[] = [];
  let comments: string[] = [];
  for (const line of oauth.split('\n')) {
    const variable = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
    if (variable !== undefined) {
      if (!listed.has(variable)) added.push(...comments, line);
      comments = [];
    } else if (line.startsWith('#')) comments.push(line);
    else comments = [];
  }
  return added.length > 0 ? `${base.trimEnd()}\n${added.join('\n')}\n` : base;
}

const SIGN_IN_SECTION = `## Sign-in (OAuth)

\`auth.mode: oauth\` is on: people sign in on this server's own login page before ChatGPT may call
the tools. Add accounts with \`npx mcp-devmode users add you@example.com\` (\`users list | passwd |
remove\` manage them). In ChatGPT's **Create app** dialog choose **OAuth** and leave the client ID
empty: ChatGPT registers itself. Once deployed, set \`BASE_URL\` to the public https origin (Fly.io,
Render and Railway are detected automatically) so the OAuth issuer matches the URL you pasted.
`;

function retitleReadme(readme: string, name: string): string {
  return readme.replace(/^# [^\n—]*(—|$)/m, (_all, dash: string) => `# ${name}${dash ? ' —' : ''}`);
}

function packageJson(name: string, version: string): string {
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    description: 'An MCP server for ChatGPT Developer Mode, declared in mcp.yaml',
    scripts: {
      dev: 'mcp-devmode dev',
      start: 'mcp-devmode serve',
      doctor: 'mcp-devmode doctor',
      deploy: 'mcp-devmode deploy fly',
    },
    dependencies: { 'mcp-devmode': `^${version}` },
    engines: { node: '>=20.19' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
