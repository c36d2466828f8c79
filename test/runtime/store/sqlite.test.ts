// The store suite on SQLite (a fresh file per test file), plus SQLite-specific URL handling.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, parseStorageUrl } from '../../../src/runtime/store/open.js';
import { storeSuite } from './store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'mcp-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite store', () => {
  storeSuite(() => openStore('sqlite:state/test.db', dir));

  it('parses storage URLs and refuses unknown schemes', () => {
    expect(parseStorageUrl('sqlite:.mcp-devmode/state.db', '/srv/app')).toEqual({ kind: 'sqlite', file: '/srv/app/.mcp-devmode/state.db' });
    expect(parseStorageUrl('sqlite:/abs/x.db', '/srv')).toEqual({ kind: 'sqlite', file: '/abs/x.db' });
    expect(parseStorageUrl('postgres://u@h/db', '/srv')).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(() => parseStorageUrl('mysql://x', '/srv')).toThrow(/Unsupported storage URL/);
    expect(() => parseStorageUrl('sqlite:', '/srv')).toThrow(/no file name/);
  });
});
