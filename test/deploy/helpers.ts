// Test helpers for deploy: McpConfig builders, the platform schema validators and the Dockerfile linters.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { McpConfig } from '../../src/config/types.js';
import type { GeneratedFile } from '../../src/deploy/types.js';
import { configObject, type ConfigOverrides } from '../helpers/config-object.js';

export const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'deploy');
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A valid config object as the loader would produce it (tests pick the parts they vary). */
export function makeConfig(overrides: ConfigOverrides = {}, baseDir = '/project'): McpConfig {
  const { server, ...rest } = overrides;
  return configObject({
    name: 'acme-handbook',
    storage: 'sqlite:.mcp-devmode/state.db',
    baseDir,
    ...rest,
    server: { port: 8080, ...server },
  });
}

export const oauth = { mode: 'oauth', users: 'local', scopes: ['mcp:read'] } as McpConfig['auth'];

function compile(file: string, draft: 'draft-07' | '2020-12'): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as object;
  const ajv = draft === 'draft-07' ? new Ajv({ strict: false, allErrors: true }) : new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  return ajv.compile(schema);
}

let validators: { fly: ValidateFunction; render: ValidateFunction; railway: ValidateFunction } | undefined;

/** Validates a generated platform file against its schema; returns ajv's errors (empty = valid). */
export function schemaErrors(file: GeneratedFile): unknown[] {
  validators ??= {
    fly: compile('fly.schema.json', 'draft-07'),
    render: compile('render.schema.json', '2020-12'),
    railway: compile('railway.schema.json', '2020-12'),
  };
  const [validate, data] =
    file.path === 'fly.toml'
      ? [validators.fly, parseToml(file.content)]
      : file.path === 'render.yaml'
        ? [validators.render, parseYaml(file.content) as unknown]
        : [validators.railway, JSON.parse(file.content) as unknown];
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

const require = createRequire(import.meta.url);
const dockerfileUtils = require('dockerfile-utils') as { validate(text: string): { severity?: number; message: string; range: unknown }[] };
const dockerfilelint = require('dockerfilelint') as { run(configDir: string, text: string): { title: string; line: number; rule: string }[] };
const lintConfigDir = mkdtempSync(join(tmpdir(), 'dockerfilelint-'));

/** dockerfile-utils errors (severity 1) and every dockerfilelint issue. */
export function dockerfileProblems(text: string): { errors: unknown[]; issues: unknown[]; warnings: unknown[] } {
  const diagnostics = dockerfileUtils.validate(text);
  return {
    errors: diagnostics.filter((d) => d.severity === 1),
    warnings: diagnostics.filter((d) => d.severity !== 1),
    issues: dockerfilelint.run(lintConfigDir, text),
  };
}

export function fileNamed(files: readonly GeneratedFile[], path: string): GeneratedFile {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return file;
}
