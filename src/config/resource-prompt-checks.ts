// Semantic checks of `resources:` and `prompts:`: one content source per resource, files inside the
// project folder, declared corpora, unique URIs and names, and prompt placeholders that name arguments.
import { resourceMediaType } from '../runtime/resources/media-type.js';
import { parseTemplate, TemplateSyntaxError } from '../runtime/templates.js';
import { suggestionHint } from './did-you-mean.js';
import { resolveProjectFile } from './project-file.js';
import type { McpConfig, ResourceConfig } from './types.js';
import type { IssueInput, YamlSource } from './yaml-source.js';

/** The URI template of a corpus resource (normalize fills the default `docs://<corpus>/{id}`). */
export function corpusUriTemplate(resource: ResourceConfig): string {
  return resource.uriTemplate as string;
}

const SOURCES = ['file', 'text', 'corpus'] as const;

export function checkResources(config: McpConfig, source: YamlSource): IssueInput[] {
  const issues: IssueInput[] = [];
  const firstUri = new Map<string, number>();
  config.resources.forEach((resource, index) => {
    const at = (...rest: (string | number)[]) => ['resources', index, ...rest];
    const given = SOURCES.filter((key) => resource[key] !== undefined);
    if (given.length !== 1) {
      issues.push({
        code: 'resource',
        path: given.length ? at(given[1] as string) : at(),
        atKey: given.length > 1,
        message: given.length ? `resource "${resource.name}" has ${given.join(' and ')}; it needs exactly one` : `resource "${resource.name}" has no content`,
        hint: 'give one of file: (a file next to mcp.yaml), text: (the content itself) or corpus: (every document of a corpus)',
      });
      return;
    }
    const isCorpus = resource.corpus !== undefined;
    if (!isCorpus && resource.uri === undefined) {
      issues.push({ code: 'resource', path: at(), message: `resource "${resource.name}" needs a uri:`, hint: 'e.g. uri: docs://handbook (clients read the resource by this URI)' });
    }
    if (isCorpus && resource.uri !== undefined) {
      issues.push({ code: 'resource', path: at('uri'), atKey: true, message: `resource "${resource.name}" exposes a corpus, so it has one URI per document`, hint: 'replace uri: with uriTemplate: containing {id}, e.g. docs://handbook/{id}' });
    }
    if (!isCorpus && resource.uriTemplate !== undefined) {
      issues.push({ code: 'resource', path: at('uriTemplate'), atKey: true, message: 'uriTemplate: applies to corpus resources only', hint: 'use uri: for a single file or text' });
    }
    if (isCorpus) {
      const corpus = resource.corpus as string;
      if (!Object.hasOwn(config.corpora, corpus)) {
        const declared = Object.keys(config.corpora);
        issues.push({
          code: 'corpus-missing',
          path: at('corpus'),
          message: `resource "${resource.name}" uses corpus "${corpus}", which is not declared under corpora:`,
          hint: declared.length ? suggestionHint(corpus, declared, 'corpora') : `declare it: corpora: { ${corpus}: { sources: [{ path: data/*.md }] } }`,
        });
      }
      const template = corpusUriTemplate(resource);
      const expressions = template.match(/\{[^}]*\}/g) ?? [];
      if (expressions.length !== 1 || expressions[0] !== '{id}' || /[{}]/.test(template.replace('{id}', ''))) {
        issues.push({ code: 'resource', path: at('uriTemplate'), message: `uriTemplate "${template}" must contain {id} exactly once and no other {…} expression`, hint: 'e.g. docs://handbook/{id}' });
      }
    }
    if (resource.file !== undefined) {
      const checked = resolveProjectFile(config.baseDir, resource.file);
      if (!checked.ok) issues.push({ code: 'resource', path: at('file'), message: `resource "${resource.name}": ${checked.message}`, hint: checked.hint });
    }
    const uri = isCorpus ? corpusUriTemplate(resource) : resource.uri;
    if (uri === undefined) return;
    const first = firstUri.get(uri);
    if (first === undefined) {
      firstUri.set(uri, index);
      return;
    }
    const { line } = source.locate(['resources', first]);
    issues.push({
      code: 'resource',
      path: at(isCorpus ? 'corpus' : 'uri'),
      message: `duplicate resource URI "${uri}" (resources[${first}] at line ${line} has it already)`,
      hint: 'each resource needs its own URI',
    });
  });
  return issues;
}

export function checkPrompts(config: McpConfig, source: YamlSource): IssueInput[] {
  const issues: IssueInput[] = [];
  const firstName = new Map<string, number>();
  config.prompts.forEach((prompt, index) => {
    const at = (...rest: (string | number)[]) => ['prompts', index, ...rest];
    const first = firstName.get(prompt.name);
    if (first !== undefined) {
      const { line } = source.locate(['prompts', first, 'name']);
      issues.push({ code: 'prompt', path: at('name'), message: `duplicate prompt name "${prompt.name}" (prompts[${first}] at line ${line} has it already)`, hint: 'prompt names must be unique: rename one of them' });
    } else firstName.set(prompt.name, index);

    const argNames = prompt.arguments.map((a) => a.name);
    argNames.forEach((name, i) => {
      if (argNames.indexOf(name) !== i) issues.push({ code: 'prompt', path: at('arguments', i, 'name'), message: `argument "${name}" is declared twice`, hint: 'argument names must be unique within a prompt' });
    });

    prompt.messages.forEach((message, m) => {
      const keys = (['text', 'resource', 'image'] as const).filter((k) => message[k] !== undefined);
      if (keys.length !== 1) {
        issues.push({
          code: 'prompt',
          path: keys.length ? at('messages', m, keys[1] as string) : at('messages', m),
          atKey: keys.length > 1,
          message: keys.length ? `a message has ${keys.join(' and ')}; it needs exactly one` : 'a message needs text:, resource: or image:',
          hint: 'write one message per text, embedded resource or image',
        });
        return;
      }
      const key = keys[0] as 'text' | 'resource' | 'image';
      const value = message[key] as string;
      try {
        const template = parseTemplate(value);
        for (const name of template.placeholders) {
          if (argNames.includes(name)) continue;
          issues.push({
            code: 'prompt',
            path: at('messages', m, key),
            needle: `{{`,
            message: `placeholder {{${name}}} names no argument of prompt "${prompt.name}"`,
            hint: argNames.length ? suggestionHint(name, argNames, 'arguments') : `declare it: arguments: [{ name: ${name}, required: true }]`,
          });
        }
        if (key !== 'text' && template.placeholders.length === 0 && !resourceDeclared(config, value)) {
          issues.push({ code: 'prompt', path: at('messages', m, key), message: `resource "${value}" is not declared under resources:`, hint: 'embed a resource declared in this file (its uri:, or a document URI of a corpus resource)' });
        } else if (key === 'image' && template.placeholders.length === 0) {
          const type = declaredMediaType(config, value);
          if (type !== undefined && !type.startsWith('image/')) {
            issues.push({ code: 'prompt', path: at('messages', m, key), message: `resource "${value}" is ${type}, not an image`, hint: 'use resource: to embed it, or name an image resource (e.g. a .png file)' });
          }
        }
      } catch (err) {
        if (!(err instanceof TemplateSyntaxError)) throw err;
        issues.push({ code: 'prompt', path: at('messages', m, key), message: err.message, hint: err.hint });
      }
    });
  });
  return issues;
}

function resourceDeclared(config: McpConfig, uri: string): boolean {
  return config.resources.some((r) => {
    if (r.corpus === undefined) return r.uri === uri;
    const [prefix = '', suffix = ''] = corpusUriTemplate(r).split('{id}');
    return uri.startsWith(prefix) && uri.endsWith(suffix) && uri.length > prefix.length + suffix.length;
  });
}

/** The media type a single declared resource is served with (undefined for corpus documents). */
function declaredMediaType(config: McpConfig, uri: string): string | undefined {
  const resource = config.resources.find((r) => r.corpus === undefined && r.uri === uri);
  return resource ? resourceMediaType(resource) : undefined;
}
