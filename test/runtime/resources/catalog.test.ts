// The resource catalog and the protocol core without HTTP: cursors are opaque and refused when
// forged, a symlink re-pointed outside the project after validation is refused at read time,
// media types decide text vs blob, and with OAuth on resources/prompts need a signed-in caller.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCorpusProvider } from '../../../src/runtime/corpus/provider.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { createDispatcher } from '../../../src/runtime/protocol/index.js';
import { createResourceCatalog } from '../../../src/runtime/resources/catalog.js';
import { cursorCodec, InvalidCursorError } from '../../../src/runtime/resources/cursor.js';
import { isTextMediaType, mediaTypeForFile } from '../../../src/runtime/resources/media-type.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { configFromYaml } from '../../helpers/test-server.js';

describe('cursors', () => {
  const codec = cursorCodec('resources/list of one config');

  it('round-trip an offset and refuse anything else', () => {
    expect(codec.decode(codec.encode(100), 250)).toBe(100);
    expect(() => codec.decode(codec.encode(300), 250)).toThrow(InvalidCursorError);
    expect(() => codec.decode(cursorCodec('another list').encode(100), 250)).toThrow(InvalidCursorError);
    for (const forged of ['', 'abc', '100', 42, null, {}, 'x'.repeat(100), Buffer.from('tag:100').toString('base64url')]) {
      expect(() => codec.decode(forged, 250)).toThrow(InvalidCursorError);
    }
  });
});

describe('media types', () => {
  it('guess from the extension and read text types as text', () => {
    expect(mediaTypeForFile('a/b.md')).toBe('text/markdown');
    expect(mediaTypeForFile('logo.PNG')).toBe('image/png');
    expect(mediaTypeForFile('blob.bin')).toBe('application/octet-stream');
    expect(['text/plain', 'application/json', 'application/ld+json', 'image/svg+xml', 'text/csv; charset=utf-8'].every(isTextMediaType)).toBe(true);
    expect(['image/png', 'application/pdf', 'application/octet-stream'].some(isTextMediaType)).toBe(false);
  });
});

describe('reading files', () => {
  it('refuses at read time a symlink re-pointed outside the project after validation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-res-swap-'));
    const outside = mkdtempSync(join(tmpdir(), 'mcp-res-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'top secret');
    writeFileSync(join(dir, 'real.txt'), 'public text');
    symlinkSync(join(dir, 'real.txt'), join(dir, 'link.txt'));
    const config = await configFromYaml('name: swap\nresources:\n  - { uri: docs://link, name: link, file: ./link.txt }\n', { dir });
    const catalog = createResourceCatalog(config, createCorpusProvider(config, { logger: silentLogger(), cache: false }));
    expect(await catalog.read('docs://link')).toEqual([{ uri: 'docs://link', mimeType: 'text/plain', text: 'public text' }]);
    rmSync(join(dir, 'link.txt'));
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    const failure = await catalog.read('docs://link').catch((err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toMatch(/outside the project folder/);
    expect(String((failure as Error).message)).not.toContain('top secret');
  });

  it('a read failure is an internal error on the wire, without the path or a stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-res-gone-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/a.txt'), 'a');
    const config = await configFromYaml('name: gone\nresources:\n  - { uri: docs://a, name: a, file: ./data/a.txt }\n', { dir });
    const runtime = await createRuntime(config, { logger: silentLogger() });
    rmSync(join(dir, 'data/a.txt'));
    const outcome = await createDispatcher().handle(
      { jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri: 'docs://a' } },
      { transport: 'stdio', signal: new AbortController().signal },
      runtime,
      silentLogger(),
      {},
    );
    expect(JSON.parse(outcome.body!)).toEqual({ jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'Internal error' } });
  });
});

describe('with auth.mode oauth', () => {
  const yaml = `
name: guarded
auth: { mode: oauth }
tools:
  - { name: calc, kind: calculator, description: Math., auth: none }
resources:
  - { uri: text://secret, name: secret, text: only for signed-in users }
prompts:
  - { name: p, description: P., messages: [{ role: user, text: hi }] }
`;
  const send = async (method: string, params: Record<string, unknown>, auth?: { subject: string; clientId: string; scopes: string[] }) => {
    const runtime = await createRuntime(await configFromYaml(yaml), { logger: silentLogger() });
    const outcome = await createDispatcher().handle(
      { jsonrpc: '2.0', id: 1, method, params },
      { transport: 'stdio', signal: new AbortController().signal, ...(auth ? { auth } : {}) },
      runtime,
      silentLogger(),
      {},
    );
    return JSON.parse(outcome.body!) as { result?: Record<string, unknown>; error?: { code: number; message: string } };
  };

  it.each([
    ['resources/list', {}],
    ['resources/templates/list', {}],
    ['resources/read', { uri: 'text://secret' }],
    ['prompts/list', {}],
    ['prompts/get', { name: 'p' }],
  ])('%s needs a signed-in caller even when a public tool lets anonymous requests in', async (method, params) => {
    const anonymous = await send(method, params);
    expect(anonymous.error?.message).toMatch(/Sign in/);
    expect(JSON.stringify(anonymous)).not.toContain('only for signed-in users');
    const signedIn = await send(method, params, { subject: 'u1', clientId: 'c1', scopes: [] });
    expect(signedIn.error).toBeUndefined();
    expect(signedIn.result).toBeDefined();
  });
});
