// Checks the schema cannot express: unique names, references between sections, files on disk,
// usable input schemas, and each tool kind's own check().
import type { ToolKind } from '../runtime/tools/types.js';
import { resolveCorpusSource } from './corpus-sources.js';
import { suggestionHint } from './did-you-mean.js';
import { checkPrompts, checkResources } from './resource-prompt-checks.js';
import { INSTRUCTIONS_SOFT_LIMIT } from './schema/config-schema.js';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema, McpConfig } from './types.js';
import type { IssueInput, YamlSource } from './yaml-source.js';

type RawTool = Readonly<Record<string, unknown>>;

export async function checkConfigSemantics(
  config: McpConfig,
  rawTools: readonly RawTool[],
  kinds: readonly ToolKind[],
  source: YamlSource,
): Promise<IssueInput[]> {
  const generic = [
    ...checkInstructions(config),
    ...checkToolNames(config, source),
    ...checkCorpusReferences(config),
    ...(await checkCorpusFiles(config)),
    ...(await checkToolSchemas(config, rawTools)),
    ...checkToolAuth(config),
    ...checkResources(config, source),
    ...checkPrompts(config, source),
  ];
  // A kind may check what is checked here already (e.g. search's corpus reference): say it once.
  const reported = new Set(generic.map((i) => i.path.join('\u0000')));
  return [...generic, ...runKindChecks(config, kinds).filter((i) => !reported.has(i.path.join('\u0000')))];
}

function checkInstructions(config: McpConfig): IssueInput[] {
  const length = config.instructions?.length ?? 0;
  if (length <= INSTRUCTIONS_SOFT_LIMIT) return [];
  return [
    {
      code: 'long-instructions',
      severity: 'warning',
      path: ['instructions'],
      message: `instructions are ${length} characters; ChatGPT relies on the first ${INSTRUCTIONS_SOFT_LIMIT}`,
      hint: `put what matters most in the first ${INSTRUCTIONS_SOFT_LIMIT} characters, and keep that part self-contained`,
    },
  ];
}

function checkToolNames(config: McpConfig, source: YamlSource): IssueInput[] {
  const firstIndex = new Map<string, number>();
  const issues: IssueInput[] = [];
  config.tools.forEach((tool, index) => {
    const first = firstIndex.get(tool.name);
    if (first === undefined) {
      firstIndex.set(tool.name, index);
      return;
    }
    const { line } = source.locate(['tools', first, 'name']);
    issues.push({
      code: 'duplicate-tool',
      path: ['tools', index, 'name'],
      message: `duplicate tool name "${tool.name}" (tools[${first}] at line ${line} has it already)`,
      hint: 'tool names must be unique: rename one of them',
    });
  });
  return issues;
}

function checkCorpusReferences(config: McpConfig): IssueInput[] {
  const declared = Object.keys(config.corpora);
  return config.tools.flatMap((tool, index) => {
    const corpus = tool.corpus;
    if (typeof corpus !== 'string' || corpus in config.corpora) return [];
    return [
      {
        code: 'corpus-missing' as const,
        path: ['tools', index, 'corpus'],
        message: `tool "${tool.name}" uses corpus "${corpus}", which is not declared under corpora:`,
        hint: declared.length ? suggestionHint(corpus, declared, 'corpora') : `declare it: corpora: { ${corpus}: { sources: [{ path: data/*.md }] } }`,
      },
    ];
  });
}

async function checkCorpusFiles(config: McpConfig): Promise<IssueInput[]> {
  const checks = Object.entries(config.corpora).flatMap(([name, corpus]) =>
    corpus.sources.map(async (source, i): Promise<IssueInput[]> => {
      const resolved = await resolveCorpusSource(config.baseDir, source);
      if (resolved.files.length) return [];
      return [
        {
          code: 'corpus-files',
          path: ['corpora', name, 'sources', i, 'path'],
          message: resolved.isGlob ? `no file matches "${source.path}"` : `file not found: "${source.path}"`,
          hint: `paths are relative to the config file's folder (${config.baseDir})`,
        },
      ];
    }),
  );
  return (await Promise.all(checks)).flat();
}

/** Created on first use (most configs declare no schema of their own, and ajv's compiler is slow to load). */
let schemaChecker: Ajv2020 | undefined;

async function checker(): Promise<Ajv2020> {
  schemaChecker ??= (await import('./ajv.js')).createAjv();
  return schemaChecker;
}

async function checkToolSchemas(config: McpConfig, rawTools: readonly RawTool[]): Promise<IssueInput[]> {
  const issues: IssueInput[] = [];
  for (const [index, tool] of config.tools.entries()) {
    const raw = rawTools[index] ?? {};
    if (raw.input !== undefined && raw.inputSchema !== undefined) {
      issues.push({
        code: 'input-schema',
        path: ['tools', index, 'inputSchema'],
        atKey: true,
        message: `tool "${tool.name}" has both input: and inputSchema:`,
        hint: 'keep one: input: is the shorthand, inputSchema: a full JSON Schema',
      });
    }
    for (const key of ['inputSchema', 'outputSchema'] as const) {
      const schema = tool[key];
      if (!schema || (key === 'inputSchema' && raw.inputSchema === undefined && raw.input === undefined)) continue;
      const problem = compileProblem(await checker(), schema);
      if (problem) {
        issues.push({
          code: 'input-schema',
          path: ['tools', index, raw.input !== undefined && key === 'inputSchema' ? 'input' : key],
          message: `${key} of tool "${tool.name}" is not a usable JSON Schema: ${problem}`,
          hint: 'check keyword spelling and regular expressions (JSON Schema 2020-12)',
        });
      }
    }
  }
  return issues;
}

function compileProblem(ajv: Ajv2020, schema: JsonSchema): string | undefined {
  // Clients may declare another dialect in $schema; the structure is what we can check here.
  const { $schema: _dialect, $id: _id, ...body } = schema;
  try {
    ajv.compile(body);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function checkToolAuth(config: McpConfig): IssueInput[] {
  if (config.auth.mode === 'oauth') return [];
  return config.tools.flatMap((tool, index): IssueInput[] => {
    const issues: IssueInput[] = [];
    if (tool.auth === 'required') {
      issues.push({
        code: 'tool-auth',
        path: ['tools', index, 'auth'],
        message: `tool "${tool.name}" says auth: required, but auth.mode is none, so anyone could call it`,
        hint: 'set auth: { mode: oauth } at the top level, or remove auth: required from the tool',
      });
    }
    if (tool.scopes.length) {
      issues.push({
        code: 'ignored-setting',
        severity: 'warning',
        path: ['tools', index, 'scopes'],
        message: `scopes of tool "${tool.name}" have no effect while auth.mode is none`,
        hint: 'set auth: { mode: oauth } to enforce scopes',
      });
    }
    return issues;
  });
}

function runKindChecks(config: McpConfig, kinds: readonly ToolKind[]): IssueInput[] {
  return config.tools.flatMap((tool, index): IssueInput[] => {
    const kind = kinds.find((k) => k.kind === tool.kind);
    if (!kind?.check) return [];
    try {
      return kind.check(tool, config, index).map((issue) => ({
        code: 'kind-check' as const,
        path: issue.path,
        message: issue.message,
        ...(issue.hint ? { hint: issue.hint } : {}),
        ...(issue.atKey ? { atKey: true } : {}),
        ...(issue.severity ? { severity: issue.severity } : {}),
      }));
    } catch (err) {
      // A bug in one kind's check must not hide the rest of the report.
      return [{ code: 'kind-check' as const, path: ['tools', index], message: `checking tool "${tool.name}" failed: ${(err as Error).message}` }];
    }
  });
}
