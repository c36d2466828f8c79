// `resources:`, `prompts:` and module tools in mcp.yaml: what loads, and every mistake reported at
// its file:line:column — above all files outside the project folder (.., absolute, symlinks out).
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { canImportTypeScript } from '../../src/runtime/tools/module/load.js';
import { cliPath, repoRoot } from '../helpers/spawn-serve.js';
import { load, loadIssues, writeProject, yaml } from './helpers.js';

const corpus = ['corpora:', '  handbook:', '    sources: [{ path: data/*.md }]'];

describe('resources and prompts in mcp.yaml', () => {
  it('loads file, text and corpus resources and prompts with defaults filled', async () => {
    const config = await load(
      yaml(
        'name: demo',
        ...corpus,
        'resources:',
        '  - { uri: docs://handbook, name: handbook, file: ./data/a.md, mimeType: text/markdown }',
        '  - { uri: text://motto, name: motto, text: Be kind. }',
        '  - { corpus: handbook, name: docs }',
        'prompts:',
        '  - name: ask',
        '    arguments: [{ name: topic, required: true }, { name: style }]',
        '    messages:',
        '      - { role: user, text: "Tell me about {{topic}}" }',
        '      - { role: user, resource: docs://handbook }',
      ),
      { files: { 'data/a.md': '# A\n' } },
    );
    expect(config.resources.map((r) => r.name)).toEqual(['handbook', 'motto', 'docs']);
    expect(config.prompts[0]?.arguments).toEqual([{ name: 'topic', required: true }, { name: 'style', required: false }]);
  });

  it.each([
    ['../../etc/passwd', /outside the project folder/],
    ['/etc/passwd', /absolute path/],
    ['data/../../secret.txt', /outside the project folder/],
    ['./data/missing.md', /file not found/],
  ])('refuses file: %s at its line', async (file, message) => {
    const issues = await loadIssues(yaml('name: demo', 'resources:', '  - uri: docs://x', '    name: x', `    file: ${file}`));
    expect(issues).toEqual([expect.objectContaining({ code: 'resource', line: 5, column: 11, message: expect.stringMatching(message) })]);
    expect(issues[0]?.hint).toBeTruthy();
  });

  it('refuses a symlink that leads out of the project folder, and accepts one that stays inside', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'mcp-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    const file = writeProject(yaml('name: demo', 'resources:', '  - { uri: docs://x, name: x, file: ./link.txt }', '  - { uri: docs://y, name: y, file: ./inner-link.txt }'), { 'real.txt': 'ok' });
    symlinkSync(join(outside, 'secret.txt'), join(dirname(file), 'link.txt'));
    symlinkSync(join(dirname(file), 'real.txt'), join(dirname(file), 'inner-link.txt'));
    const error = await loadConfig(file, { env: {} }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([expect.objectContaining({ code: 'resource', line: 3, message: expect.stringMatching(/symbolic link .* outside the project folder/) })]);
  });

  it('refuses a folder as a file', async () => {
    const issues = await loadIssues(yaml('name: demo', 'resources:', '  - { uri: docs://x, name: x, file: ./data }'), { files: { 'data/a.md': 'x' } });
    expect(issues[0]).toMatchObject({ code: 'resource', line: 3, message: expect.stringMatching(/not a regular file/) });
  });

  it('needs exactly one of file, text and corpus, and a uri for single resources', async () => {
    const both = await loadIssues(yaml('name: demo', 'resources:', '  - uri: docs://x', '    name: x', '    text: hi', '    file: ./a.md'), { files: { 'a.md': 'x' } });
    expect(both[0]).toMatchObject({ code: 'resource', message: expect.stringMatching(/needs exactly one/) });
    const none = await loadIssues(yaml('name: demo', 'resources:', '  - { uri: docs://x, name: x }'));
    expect(none[0]).toMatchObject({ code: 'resource', line: 3, message: expect.stringMatching(/has no content/) });
    const noUri = await loadIssues(yaml('name: demo', 'resources:', '  - { name: x, text: hi }'));
    expect(noUri[0]).toMatchObject({ code: 'resource', line: 3, message: expect.stringMatching(/needs a uri/) });
  });

  it('checks corpus resources: declared corpus, uriTemplate with one {id}, no uri', async () => {
    const missing = await loadIssues(yaml('name: demo', ...corpus, 'resources:', '  - { corpus: handbok, name: x }'), { files: { 'data/a.md': 'x' } });
    expect(missing[0]).toMatchObject({ code: 'corpus-missing', line: 6, hint: 'did you mean "handbook"?' });
    const template = await loadIssues(yaml('name: demo', ...corpus, 'resources:', '  - { corpus: handbook, name: x, uriTemplate: "docs://{id}/{other}" }'), { files: { 'data/a.md': 'x' } });
    expect(template[0]).toMatchObject({ code: 'resource', line: 6, message: expect.stringMatching(/\{id\} exactly once/) });
    const uri = await loadIssues(yaml('name: demo', ...corpus, 'resources:', '  - { corpus: handbook, name: x, uri: docs://x }'), { files: { 'data/a.md': 'x' } });
    expect(uri[0]).toMatchObject({ code: 'resource', hint: expect.stringMatching(/uriTemplate/) });
  });

  it('refuses duplicate resource URIs and prompt names, naming the first one', async () => {
    const dupUri = await loadIssues(yaml('name: demo', 'resources:', '  - { uri: docs://x, name: x, text: a }', '  - { uri: docs://x, name: y, text: b }'));
    expect(dupUri[0]).toMatchObject({ code: 'resource', line: 4, message: expect.stringMatching(/duplicate resource URI "docs:\/\/x" \(resources\[0\] at line 3/) });
    const dupPrompt = await loadIssues(yaml('name: demo', 'prompts:', '  - { name: p, messages: [{ role: user, text: a }] }', '  - { name: p, messages: [{ role: user, text: b }] }'));
    expect(dupPrompt[0]).toMatchObject({ code: 'prompt', line: 4, message: expect.stringMatching(/duplicate prompt name "p"/) });
  });

  it('reports a placeholder that names no argument at its place, naming the arguments', async () => {
    const issues = await loadIssues(
      yaml('name: demo', 'prompts:', '  - name: summarize', '    arguments: [{ name: ticket_id, required: true }]', '    messages:', '      - role: user', '        text: "Summarize {{ticket}} now"'),
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: 'prompt', line: 7, column: 26, message: 'placeholder {{ticket}} names no argument of prompt "summarize"', hint: expect.stringContaining('ticket_id') }),
    ]);
  });

  it('reports template syntax errors, messages with both text and resource, and undeclared embedded resources', async () => {
    const syntax = await loadIssues(yaml('name: demo', 'prompts:', '  - { name: p, messages: [{ role: user, text: "{{ bad name }}" }] }'));
    expect(syntax[0]).toMatchObject({ code: 'prompt', line: 3, message: expect.stringMatching(/not a valid placeholder/) });
    const both = await loadIssues(yaml('name: demo', 'prompts:', '  - { name: p, messages: [{ role: user, text: a, resource: docs://x }] }'));
    expect(both[0]).toMatchObject({ code: 'prompt', message: expect.stringMatching(/exactly one/) });
    const undeclared = await loadIssues(yaml('name: demo', 'prompts:', '  - { name: p, messages: [{ role: user, resource: docs://nope }] }'));
    expect(undeclared[0]).toMatchObject({ code: 'prompt', message: 'resource "docs://nope" is not declared under resources:' });
  });

  it('an image message must name an image resource', async () => {
    const issues = await loadIssues(yaml('name: demo', 'resources:', '  - { uri: text://a, name: a, text: hi }', 'prompts:', '  - name: p', '    messages:', '      - { role: user, image: text://a }'));
    expect(issues).toEqual([expect.objectContaining({ code: 'prompt', line: 7, message: 'resource "text://a" is text/plain, not an image' })]);
  });

  it('schema errors in the blocks are located (unknown key, bad role)', async () => {
    const unknown = await loadIssues(yaml('name: demo', 'resources:', '  - { uri: docs://x, name: x, text: a, mime: text/plain }'));
    expect(unknown[0]).toMatchObject({ code: 'unknown-key', line: 3 });
    const role = await loadIssues(yaml('name: demo', 'prompts:', '  - name: p', '    messages:', '      - { role: system, text: a }'));
    expect(role[0]).toMatchObject({ line: 5 });
  });
});

describe('module tools in mcp.yaml', () => {
  const tool = (file: string) => yaml('name: demo', 'tools:', '  - name: mine', '    kind: module', '    description: Mine.', `    file: ${file}`);

  it('loads a module tool whose file exists inside the project', async () => {
    const config = await load(tool('./tools/mine.js'), { files: { 'tools/mine.js': 'export default async () => "ok";\n' } });
    expect(config.tools[0]).toMatchObject({ kind: 'module', file: './tools/mine.js', annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true } });
  });

  it.each([
    ['./tools/missing.js', /file not found/],
    ['../outside.js', /outside the project folder/],
    ['/tmp/abs.js', /absolute path/],
    ['./tools/mine.py', /not a JavaScript module/],
  ])('refuses file: %s at its line', async (file, message) => {
    const issues = await loadIssues(tool(file), { files: { 'tools/mine.py': 'print(1)' } });
    expect(issues).toEqual([expect.objectContaining({ code: 'kind-check', line: 6, message: expect.stringMatching(message) })]);
  });

  it.skipIf(canImportTypeScript())('refuses a .ts file with the fix on a Node that cannot strip types', async () => {
    const issues = await loadIssues(tool('./tools/mine.ts'), { files: { 'tools/mine.ts': 'export default async (): Promise<string> => "ok";\n' } });
    expect(issues[0]).toMatchObject({ code: 'kind-check', line: 6, message: expect.stringMatching(/TypeScript/) });
    expect(issues[0]?.hint).toMatch(/compile it to \.js/);
  });
});


describe('`validate` summary', () => {
  it('lists the resources and prompts of examples/kitchen-sink', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [cliPath, 'validate', join(repoRoot, 'examples/kitchen-sink/mcp.yaml')], (err, out) => (err ? reject(err) : resolve(out))),
    );
    expect(stdout).toContain('4 resources: docs://handbook, docs://logo, text://motto, docs://notes/{id}');
    expect(stdout).toContain('2 prompts: summarize_ticket, onboarding');
    expect(stdout).toContain('1 tool: word_stats');
  });
});
