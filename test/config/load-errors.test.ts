// Every kind of config mistake is reported at the right file:line:column, with a useful message and hint.
import { describe, expect, it } from 'vitest';
import { loadIssues, yaml } from './helpers.js';

const calcTool = ['  - name: calc', '    kind: calculator', '    description: Do arithmetic.'];

describe('config errors are located', () => {
  it('reports a YAML syntax error at its line', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', '  - name: calc', '    kind: calculator', '   description: bad indent'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'yaml-syntax', line: 5, column: 1 });
    expect(issues[0]?.message).toMatch(/^YAML syntax: /);
    expect(issues[0]?.snippet).toContain('5 |    description: bad indent');
  });

  it('reports a duplicate key as a YAML error on the second occurrence', async () => {
    const issues = await loadIssues(yaml('name: demo', 'title: One', 'title: Two'));
    expect(issues[0]).toMatchObject({ code: 'yaml-syntax', line: 3, column: 1 });
    expect(issues[0]?.hint).toMatch(/each key may appear once/);
  });

  it('points at an unknown top-level key and suggests the close one', async () => {
    const issues = await loadIssues(yaml('name: demo', 'toolz: []'));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'unknown-key', line: 2, column: 1, message: 'unknown top-level key "toolz"', hint: 'did you mean "tools"?' }),
    ]);
  });

  it('lists the allowed keys when an unknown key is not close to any', async () => {
    const issues = await loadIssues(yaml('name: demo', 'server:', '  port: 8080', '  frobnicate: true'));
    expect(issues[0]).toMatchObject({ code: 'unknown-key', line: 4, column: 3 });
    expect(issues[0]?.hint).toMatch(/^allowed keys: port, host, path, publicUrl/);
  });

  it('points at an unknown key in a tool, checked against that kind', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', ...calcTool, '    precisoin: 3'));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'unknown-key', line: 6, column: 5, hint: 'did you mean "precision"?' }),
    ]);
    expect(issues[0]?.message).toBe('unknown key in tools[0] (kind calculator): "precisoin"');
  });

  it('rejects a key that belongs to another kind', async () => {
    // `url` is an http key; on a calculator it is unknown.
    const issues = await loadIssues(yaml('name: demo', 'tools:', ...calcTool, '    url: https://example.com/'));
    expect(issues[0]).toMatchObject({ code: 'unknown-key', line: 6, column: 5 });
  });

  it('reports a wrong type at the value with the expected type', async () => {
    const issues = await loadIssues(yaml('name: demo', 'server:', '  port: abc'));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'wrong-type', line: 3, column: 9, message: 'server.port must be an integer, not "abc"' }),
    ]);
  });

  it('tells how to quote a version that YAML read as a number', async () => {
    const issues = await loadIssues(yaml('name: demo', 'version: 1.0'));
    expect(issues[0]).toMatchObject({ code: 'wrong-type', line: 2, column: 10 });
    expect(issues[0]?.hint).toMatch(/quote it/);
  });

  it('reports a missing required key at the object that lacks it', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', '  - kind: calculator', '    description: Do arithmetic.'));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'missing-key', line: 3, column: 5, message: 'tools[0] is missing required key "name"' }),
    ]);
  });

  it('reports a missing top-level name', async () => {
    const issues = await loadIssues(yaml('# my server', 'version: "1.0"'));
    expect(issues[0]).toMatchObject({ code: 'missing-key', line: 2, column: 1, message: 'missing required key "name"' });
  });

  it('names a missing environment variable and points at its reference', async () => {
    const issues = await loadIssues(yaml('name: demo', 'description: "key ${API_KEY} here"'));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'env-missing', line: 2, column: 19, message: 'environment variable API_KEY is not set' }),
    ]);
    expect(issues[0]?.hint).toContain('${API_KEY:-value}');
  });

  it('treats an empty variable like a missing one', async () => {
    const issues = await loadIssues(yaml('name: demo', 'server:', '  host: ${HOST}'), { env: { HOST: '' } });
    expect(issues[0]).toMatchObject({ code: 'env-missing', line: 3, column: 9 });
  });

  it('reports a malformed reference and how to escape a literal ${', async () => {
    const issues = await loadIssues(yaml('name: demo', 'description: cost ${not valid}'));
    expect(issues[0]).toMatchObject({ code: 'env-syntax', line: 2, column: 19 });
    expect(issues[0]?.hint).toContain('$${');
  });

  it('reports every missing variable, not just the first', async () => {
    const issues = await loadIssues(yaml('name: ${NAME}', 'server:', '  host: ${HOST}'));
    expect(issues.map((i) => [i.code, i.line, i.message])).toEqual([
      ['env-missing', 1, 'environment variable NAME is not set'],
      ['env-missing', 3, 'environment variable HOST is not set'],
    ]);
  });

  it('points a duplicate tool name at the second tool and mentions the first', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', ...calcTool, ...calcTool));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'duplicate-tool', line: 6, column: 11, message: 'duplicate tool name "calc" (tools[0] at line 3 has it already)' }),
    ]);
  });

  it('rejects a tool name outside the MCP pattern', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', '  - name: my calc', '    kind: calculator', '    description: d'));
    expect(issues[0]).toMatchObject({ code: 'invalid-value', line: 3, column: 11, message: 'invalid tool name "my calc"' });
  });

  it('rejects an over-long tool name', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', `  - name: ${'x'.repeat(129)}`, '    kind: calculator', '    description: d'));
    expect(issues[0]).toMatchObject({ code: 'invalid-value', line: 3, column: 11 });
  });

  it('reports an unknown kind once, with the known kinds and a suggestion', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', '  - name: calc', '    kind: calculater', '    description: d', '    precision: 3'));
    // No noise about `precision` being unknown: without a valid kind we cannot tell.
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'unknown-kind', line: 4, column: 11, message: 'unknown tool kind "calculater"' });
    expect(issues[0]?.hint).toMatch(/^did you mean "calculator"\? known kinds: .*http.*search.*fetch.*calculator/);
  });

  it('reports a tool whose corpus is not declared', async () => {
    const issues = await loadIssues(
      yaml('name: demo', 'corpora:', '  handbook:', '    sources: [{ path: a.md }]', 'tools:', '  - name: s', '    kind: search', '    corpus: handbok', '    description: d'),
      { files: { 'a.md': '# A\n\nText.\n' } },
    );
    expect(issues).toEqual([expect.objectContaining({ code: 'corpus-missing', line: 8, column: 13, hint: 'did you mean "handbook"?' })]);
  });

  it('reports a glob that matches nothing and a file that does not exist', async () => {
    const issues = await loadIssues(yaml('name: demo', 'corpora:', '  docs:', '    sources:', '      - path: nothing/*.md', '      - path: missing.jsonl'));
    expect(issues.map((i) => [i.code, i.line, i.column, i.message])).toEqual([
      ['corpus-files', 5, 15, 'no file matches "nothing/*.md"'],
      ['corpus-files', 6, 15, 'file not found: "missing.jsonl"'],
    ]);
  });

  it('rejects an inputSchema whose root is not an object schema', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', ...calcTool, '    inputSchema:', '      type: array'));
    expect(issues[0]).toMatchObject({ code: 'input-schema', line: 7, column: 13 });
    expect(issues[0]?.message).toMatch(/must be an object schema \(type: object\)/);
  });

  it('rejects an inputSchema that is not a usable JSON Schema', async () => {
    const issues = await loadIssues(
      yaml('name: demo', 'tools:', ...calcTool, '    inputSchema:', '      type: object', '      properties:', '        expression: { type: strin }'),
    );
    expect(issues[0]).toMatchObject({ code: 'input-schema', line: 7, column: 7 });
  });

  it('rejects both input and inputSchema on one tool', async () => {
    const issues = await loadIssues(
      yaml('name: demo', 'tools:', ...calcTool, '    input:', '      expression: { required: true }', '    inputSchema: { type: object }'),
    );
    expect(issues[0]).toMatchObject({ code: 'input-schema', line: 8, column: 5, message: 'tool "calc" has both input: and inputSchema:' });
  });

  it('refuses auth: required on a tool while the server has no auth', async () => {
    const issues = await loadIssues(yaml('name: demo', 'tools:', ...calcTool, '    auth: required'));
    expect(issues[0]).toMatchObject({ code: 'tool-auth', line: 6, column: 11 });
  });

  it('suggests the right oauth key', async () => {
    const issues = await loadIssues(yaml('name: demo', 'auth:', '  mode: oauth', '  userz: []'));
    expect(issues[0]).toMatchObject({ code: 'unknown-key', line: 4, column: 3, hint: 'did you mean "users"?' });
  });

  it('rejects oauth keys when auth mode is none', async () => {
    const issues = await loadIssues(yaml('name: demo', 'auth:', '  mode: none', '  users: []'));
    expect(issues[0]).toMatchObject({ code: 'unknown-key', line: 4, column: 3 });
  });

  it('reports an unknown auth mode with a suggestion', async () => {
    const issues = await loadIssues(yaml('name: demo', 'auth:', '  mode: oath'));
    expect(issues).toEqual([expect.objectContaining({ code: 'invalid-value', line: 3, column: 9, hint: 'did you mean "oauth"?' })]);
  });

  it('reports several problems at once, in file order', async () => {
    const issues = await loadIssues(yaml('name: demo', 'server:', '  port: 99999', '  hots: 0.0.0.0', 'tools:', '  - name: calc', '    kind: calculator'));
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['invalid-value', 3],
      ['unknown-key', 4],
      ['missing-key', 6],
    ]);
  });

  it('reports a file that cannot be read without a position', async () => {
    const { loadConfig, ConfigError } = await import('../../src/config/index.js');
    const error = await loadConfig('/nonexistent/dir/mcp.yaml').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as InstanceType<typeof ConfigError>).issues[0]).toMatchObject({ code: 'file-unreadable', line: 0, column: 0 });
  });
});
