// A valid mcp.yaml becomes a complete, frozen McpConfig: defaults, env interpolation, shorthand expansion.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigWithWarnings, type LocatedIssue } from '../../src/config/index.js';
import { calculatorKind } from '../../src/runtime/tools/calculator.js';
import { httpKind } from '../../src/runtime/tools/http.js';
import type { ToolKind } from '../../src/runtime/tools/types.js';
import { packageRoot } from '../../src/package-info.js';
import { load, loadIssues, writeProject, yaml } from './helpers.js';

const calcTool = ['  - name: calc', '    kind: calculator', '    description: Do arithmetic.'];

describe('loadConfig', () => {
  it('loads the quickstart example', async () => {
    const config = await loadConfig(join(packageRoot, 'examples/quickstart/mcp.yaml'), { env: {}, dotenv: false });
    expect(config.name).toBe('acme-handbook');
    expect(config.tools.map((t) => [t.name, t.kind])).toEqual([
      ['search', 'search'],
      ['fetch', 'fetch'],
      ['calculate', 'calculator'],
    ]);
    expect(config.server).toMatchObject({ port: 8080, host: '127.0.0.1', path: '/mcp' });
    expect(config.corpora.handbook?.sources).toHaveLength(3);
    expect(config.envVars).toEqual(['PORT', 'HOST']);
    expect(config.baseDir).toBe(join(packageRoot, 'examples/quickstart'));
  });

  it('fills every default for a minimal file', async () => {
    const config = await load(yaml('name: demo'));
    expect(config).toMatchObject({
      name: 'demo',
      version: '1.0.0',
      server: { port: 8080, host: '127.0.0.1', path: '/mcp', corsOrigins: [], allowedHosts: [], allowPrivateNetwork: false, maxBodyBytes: 4194304 },
      auth: { mode: 'none' },
      storage: 'sqlite:.mcp-devmode/state.db',
      corpora: {},
      tools: [],
      resources: [],
      prompts: [],
      envVars: [],
    });
    expect(config.sourcePath).toMatch(/mcp\.yaml$/);
    expect(config.baseDir).toBe(join(config.sourcePath, '..'));
  });

  it('freezes the whole config deeply', async () => {
    const config = await load(yaml('name: demo', 'tools:', ...calcTool));
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.tools[0]?.annotations)).toBe(true);
    expect(Object.isFrozen(config.tools[0]?.inputSchema)).toBe(true);
    expect(() => {
      (config.server as { port: number }).port = 1;
    }).toThrow(TypeError);
    // The kind's own default schema object is not frozen by it: the config holds a copy.
    expect(Object.isFrozen(calculatorKind.defaultInputSchema)).toBe(false);
  });

  it('keeps tool order and kind-specific keys', async () => {
    const config = await load(yaml('name: demo', 'tools:', ...calcTool, '    precision: 6', '  - name: calc2', '    kind: calculator', '    description: Again.'));
    expect(config.tools.map((t) => t.name)).toEqual(['calc', 'calc2']);
    expect(config.tools[0]?.precision).toBe(6);
  });
});

describe('environment interpolation', () => {
  it('uses defaults and turns them into the integers and booleans the schema wants', async () => {
    const config = await load(yaml('name: demo', 'server:', '  port: ${PORT:-8080}', '  allowPrivateNetwork: ${OPEN:-true}'));
    expect(config.server.port).toBe(8080);
    expect(config.server.allowPrivateNetwork).toBe(true);
    expect(config.envVars).toEqual(['PORT', 'OPEN']);
  });

  it('prefers the environment over the default', async () => {
    const config = await load(yaml('name: demo', 'server:', '  port: ${PORT:-8080}'), { env: { PORT: '9000' } });
    expect(config.server.port).toBe(9000);
  });

  it('does not coerce a quoted number written in the file', async () => {
    const issues = await loadIssues(yaml('name: demo', 'server:', '  port: "8080"'));
    expect(issues[0]).toMatchObject({ code: 'wrong-type', line: 3, column: 9 });
  });

  it('keeps a numeric-looking value a string where the schema wants a string', async () => {
    const config = await load(yaml('name: ${NAME:-123}', 'version: ${VERSION:-2}'));
    expect(config.name).toBe('123');
    expect(config.version).toBe('2');
  });

  it('substitutes inside longer strings and in nested tool fields', async () => {
    const config = await load(
      yaml('name: demo', 'tools:', '  - name: get', '    kind: http', '    description: Get it.', '    url: ${BASE}/items', '    headers:', '      Authorization: Bearer ${TOKEN}'),
      { env: { BASE: 'https://api.example.com', TOKEN: 's3cret' } },
    );
    expect(config.tools[0]).toMatchObject({ url: 'https://api.example.com/items', headers: { Authorization: 'Bearer s3cret' } });
    expect(config.envVars).toEqual(['BASE', 'TOKEN']);
  });

  it('writes $${ as a literal ${ and does not count it as a variable', async () => {
    const config = await load(yaml('name: demo', "description: 'use $${HOME} and ${WHO:-you}'"));
    expect(config.description).toBe('use ${HOME} and you');
    expect(config.envVars).toEqual(['WHO']);
  });

  it('reads a .env beside the config, and the real environment wins', async () => {
    const files = { '.env': '# local settings\nPORT=7000\nHOST="0.0.0.0"\n' };
    const source = yaml('name: demo', 'server:', '  port: ${PORT}', '  host: ${HOST}');
    const fromFile = await load(source, { files });
    expect(fromFile.server).toMatchObject({ port: 7000, host: '0.0.0.0' });
    const overridden = await load(source, { files, env: { PORT: '7001' } });
    expect(overridden.server).toMatchObject({ port: 7001, host: '0.0.0.0' });
  });

  it('ignores .env when asked to', async () => {
    const issues = await loadIssues(yaml('name: ${NAME}'), { files: { '.env': 'NAME=x\n' }, dotenv: false });
    expect(issues[0]).toMatchObject({ code: 'env-missing', line: 1 });
  });
});

describe('tool normalisation', () => {
  it('expands the input shorthand into an object schema', async () => {
    const config = await load(
      yaml(
        'name: demo',
        'tools:',
        '  - name: get',
        '    kind: http',
        '    description: Get a user.',
        '    url: https://api.example.com/users/{{id}}',
        '    input:',
        '      id: { type: integer, description: User id, minimum: 1, required: true }',
        '      fields: { description: Which fields, enum: [name, email], default: name }',
        '      tags: { type: array, items: { type: string } }',
      ),
    );
    expect(config.tools[0]?.inputSchema).toEqual({
      type: 'object',
      properties: {
        id: { type: 'integer', description: 'User id', minimum: 1 },
        fields: { type: 'string', description: 'Which fields', enum: ['name', 'email'], default: 'name' },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['id'],
      additionalProperties: false,
    });
    expect(config.tools[0]).not.toHaveProperty('input');
  });

  it('uses a full inputSchema as written', async () => {
    const schema = { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] };
    const config = await load(yaml('name: demo', 'tools:', ...calcTool, `    inputSchema: ${JSON.stringify(schema)}`));
    expect(config.tools[0]?.inputSchema).toEqual(schema);
  });

  it("falls back to the kind's default input schema", async () => {
    const config = await load(yaml('name: demo', 'tools:', ...calcTool));
    expect(config.tools[0]?.inputSchema).toEqual(calculatorKind.defaultInputSchema);
  });

  it("fills annotations from the kind's defaults and merges the user's", async () => {
    const config = await load(yaml('name: demo', 'tools:', ...calcTool, '  - name: calc2', '    kind: calculator', '    description: d', '    annotations: { openWorldHint: true, title: Calc }'));
    expect(config.tools[0]?.annotations).toEqual(calculatorKind.defaultAnnotations);
    expect(config.tools[1]?.annotations).toEqual({ ...calculatorKind.defaultAnnotations, openWorldHint: true, title: 'Calc' });
  });

  it("asks a kind for per-entry annotation defaults when it has them", async () => {
    const config = await load(yaml('name: demo', 'tools:', '  - name: make', '    kind: http', '    description: d', '    method: POST', '    url: https://api.example.com/x'));
    const expected = httpKind.defaultAnnotationsFor?.({ name: 'make', kind: 'http', description: 'd', method: 'POST', url: 'https://api.example.com/x' }) ?? httpKind.defaultAnnotations;
    expect(config.tools[0]?.annotations).toEqual(expected);
  });

  it('makes tools require auth under oauth unless they opt out', async () => {
    const config = await load(
      yaml('name: demo', 'auth:', '  mode: oauth', '  users: local', 'tools:', ...calcTool, '  - name: open', '    kind: calculator', '    description: d', '    auth: none', '    scopes: [math]'),
    );
    expect(config.tools.map((t) => [t.auth, t.scopes])).toEqual([
      ['required', []],
      ['none', ['math']],
    ]);
    expect(config.auth).toMatchObject({ mode: 'oauth', users: 'local' });
  });

  it("runs the kind's own check and locates its issue", async () => {
    // The calculator needs an `expression` argument; its check() says so.
    const issues = await loadIssues(yaml('name: demo', 'tools:', ...calcTool, '    inputSchema: { type: object, properties: { x: { type: number } } }'));
    expect(issues[0]).toMatchObject({ code: 'kind-check', line: 6 });
  });
});

describe('warnings', () => {
  it('warns (without failing) when instructions exceed 512 characters', async () => {
    const warnings: LocatedIssue[] = [];
    const config = await load(yaml('name: demo', `instructions: ${'word '.repeat(120).trim()}`), { onWarning: (w) => warnings.push(w) });
    expect(config.instructions).toHaveLength(599);
    expect(warnings).toEqual([expect.objectContaining({ code: 'long-instructions', severity: 'warning', line: 2, column: 15 })]);
  });

  it('returns warnings alongside the config', async () => {
    const file = writeProject(yaml('name: demo', 'tools:', ...calcTool, '    scopes: [math]'));
    const { config, warnings } = await loadConfigWithWarnings(file, { env: {} });
    expect(config.tools[0]?.scopes).toEqual(['math']);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['ignored-setting', 6]]);
  });
});

describe('kind checks', () => {
  // A kind written for this test: the loader must honour whatever kinds it is given.
  const noteKind: ToolKind = {
    kind: 'note',
    schema: { properties: { text: { type: 'string' } }, required: ['text'] },
    defaultAnnotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    check(tool, _config, index) {
      if (tool.text === 'boom') throw new Error('check crashed');
      return tool.text === '' ? [{ path: ['tools', index, 'text'], message: 'empty note', severity: 'warning' }] : [];
    },
    create: () => Promise.reject(new Error('not built in config tests')),
  };
  const note = (text: string): string => yaml('name: demo', 'tools:', '  - name: n', '    kind: note', '    description: d', `    text: "${text}"`);

  it('accepts the keys a given kind declares and requires its required ones', async () => {
    expect((await load(note('hi'), { kinds: [noteKind] })).tools[0]?.text).toBe('hi');
    const issues = await loadIssues(yaml('name: demo', 'tools:', '  - name: n', '    kind: note', '    description: d'), { kinds: [noteKind] });
    expect(issues[0]).toMatchObject({ code: 'missing-key', line: 3, message: 'tools[0] is missing required key "text"' });
  });

  it("passes a kind's warnings through without failing", async () => {
    const warnings: LocatedIssue[] = [];
    await load(note(''), { kinds: [noteKind], onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.objectContaining({ code: 'kind-check', severity: 'warning', message: 'empty note', line: 6, column: 11 })]);
  });

  it('reports a crashing check as an issue instead of crashing', async () => {
    const issues = await loadIssues(note('boom'), { kinds: [noteKind] });
    expect(issues[0]).toMatchObject({ code: 'kind-check', line: 3, message: 'checking tool "n" failed: check crashed' });
  });
});
