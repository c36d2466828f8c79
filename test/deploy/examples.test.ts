// Every example and template config (found on disk, not listed by hand) deploys to valid, lint-clean files.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isConfigError, loadConfig } from '../../src/config/index.js';
import type { McpConfig } from '../../src/config/types.js';
import { deriveFacts } from '../../src/deploy/facts.js';
import { scanProject } from '../../src/deploy/project-scan.js';
import { DEPLOY_TARGETS, generateTargetFiles } from '../../src/deploy/targets.js';
import { readPackageVersion } from '../../src/package-info.js';
import { dockerfileProblems, fileNamed, repoRoot, schemaErrors } from './helpers.js';

function configsUnder(folder: string): string[] {
  const root = join(repoRoot, folder);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => join(folder, name, 'mcp.yaml'))
    .filter((file) => existsSync(join(repoRoot, file)));
}

/** Loads without the developer's environment; variables without a default get a placeholder value. */
async function loadIsolated(file: string): Promise<McpConfig> {
  const env: Record<string, string> = {};
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await loadConfig(join(repoRoot, file), { env, dotenv: false });
    } catch (err) {
      if (!isConfigError(err)) throw err;
      const missing = err.issues.filter((i) => i.code === 'env-missing').map((i) => /variable (\S+) is not set/.exec(i.message)?.[1]);
      if (missing.length === 0 || missing.some((m) => m === undefined)) throw err;
      for (const name of missing) env[name!] = `placeholder-${name!.toLowerCase()}`;
    }
  }
  throw new Error(`could not load ${file}`);
}

const configs = [...configsUnder('examples'), ...configsUnder('templates')];

describe('deploy files for every example and template', () => {
  it('finds the examples', () => {
    expect(configs).toEqual(expect.arrayContaining(['examples/quickstart/mcp.yaml', 'examples/binance/mcp.yaml']));
  });

  for (const file of configs) {
    it(`${file}: schema-valid platform files and a lint-clean Dockerfile that copies every source`, async () => {
      const config = await loadIsolated(file);
      const facts = deriveFacts(config, await scanProject(config, readPackageVersion()));
      for (const target of DEPLOY_TARGETS) {
        const files = generateTargetFiles(target, facts, { region: 'iad' });
        for (const generated of files.filter((f) => /\.(toml|yaml|json)$/.test(f.path))) {
          expect(schemaErrors(generated), `${target}: ${generated.path}`).toEqual([]);
        }
        const dockerfile = fileNamed(files, 'Dockerfile').content;
        const problems = dockerfileProblems(dockerfile);
        expect(problems.errors, 'dockerfile-utils errors').toEqual([]);
        expect(problems.issues, 'dockerfilelint issues').toEqual([]);
        for (const path of facts.copyPaths) {
          expect(existsSync(join(config.baseDir, path)), path).toBe(true);
          expect(dockerfile).toContain(`COPY ${path} ./${path}`);
        }
        for (const corpus of Object.values(config.corpora)) {
          for (const source of corpus.sources) {
            expect(facts.copyPaths.some((p) => p === '.' || source.path === p || source.path.startsWith(`${p}/`)), source.path).toBe(true);
          }
        }
        expect(dockerfile).toContain(`"serve","mcp.yaml"`);
      }
    });
  }
});
