// Test helpers: write an mcp.yaml (and any files beside it) to a fresh temp folder and load it.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError, loadConfig, type LoadOptions, type LocatedIssue } from '../../src/config/index.js';
import type { McpConfig } from '../../src/config/types.js';

/** Creates a temp project: `mcp.yaml` with `yaml`, plus `files` (relative path → content). */
export function writeProject(yaml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-config-'));
  for (const [path, content] of Object.entries({ 'mcp.yaml': yaml, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return join(dir, 'mcp.yaml');
}

/** Loads YAML text as a project (default env: empty, so tests never depend on the machine). */
export function load(yaml: string, options: LoadOptions & { files?: Record<string, string> } = {}): Promise<McpConfig> {
  const { files, ...rest } = options;
  return loadConfig(writeProject(yaml, files), { env: {}, ...rest });
}

/** Loads YAML that must fail; returns its issues. */
export async function loadIssues(yaml: string, options: LoadOptions & { files?: Record<string, string> } = {}): Promise<LocatedIssue[]> {
  const error = await load(yaml, options).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return [...(error as ConfigError).issues];
}

/** Joins lines so YAML in tests reads top to bottom and line numbers are easy to count. */
export const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;
