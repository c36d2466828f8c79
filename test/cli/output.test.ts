// The shared CLI output: colours only on a terminal without NO_COLOR, quiet/verbose levels, and
// progress that redraws one line in a terminal but prints a few plain lines elsewhere.
import { describe, expect, it } from 'vitest';
import { colorEnabled, createOutput } from '../../src/cli/output.js';

function streams(isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  const written = { stdout: '', stderr: '' };
  return {
    written,
    streams: {
      stdout: { isTTY, columns: 60, write: (t: string) => (written.stdout += t) },
      stderr: { isTTY, write: (t: string) => (written.stderr += t) },
      env,
    },
  };
}

describe('createOutput', () => {
  it('colours only a terminal, and never with NO_COLOR', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    const tty = streams(true);
    createOutput({}, tty.streams).info(createOutput({}, tty.streams).color.green('ok'));
    expect(tty.written.stdout).toContain('\x1b[32mok');
    const noColor = streams(true, { NO_COLOR: '1' });
    const out = createOutput({}, noColor.streams);
    out.info(out.color.green('ok'));
    expect(noColor.written.stdout).toBe('ok\n');
  });

  it('--quiet keeps errors and warnings only; --verbose adds debug lines', () => {
    const quiet = streams(false);
    const q = createOutput({ quiet: true }, quiet.streams);
    q.info('hello');
    q.debug('details');
    q.error('broken');
    q.warn('careful');
    const bar = q.progress('Indexing');
    bar.update(5, 10);
    bar.finish('done');
    expect(quiet.written.stdout).toBe('');
    expect(quiet.written.stderr).toBe('broken\nwarning: careful\n');
    const verbose = streams(false);
    const v = createOutput({ verbose: true }, verbose.streams);
    v.debug('details');
    expect(verbose.written.stdout).toBe('details\n');
    const normal = streams(false);
    createOutput({}, normal.streams).debug('details');
    expect(normal.written.stdout).toBe('');
  });

  it('prints plain progress lines (start, quarters, end) when not a terminal', () => {
    const plain = streams(false);
    const bar = createOutput({}, plain.streams).progress('Indexing docs');
    for (let i = 1; i <= 1000; i++) bar.update(i, 1000);
    bar.finish('Indexed docs: 1000 documents');
    expect(plain.written.stdout.split('\n').filter(Boolean)).toEqual([
      '→ Indexing docs…',
      '  Indexing docs 250/1000 (25%)',
      '  Indexing docs 500/1000 (50%)',
      '  Indexing docs 750/1000 (75%)',
      '✓ Indexed docs: 1000 documents',
    ]);
    expect(plain.written.stdout).not.toContain('\r');
  });

  it('redraws one line in a terminal, throttled, ending with the final message', () => {
    const tty = streams(true, { NO_COLOR: '1' });
    const bar = createOutput({}, tty.streams).progress('Indexing docs');
    for (let i = 1; i <= 1000; i++) bar.update(i, 1000);
    bar.finish('Indexed docs: 1000 documents');
    const redraws = tty.written.stdout.split('\r\x1b[K').filter(Boolean);
    expect(redraws.length).toBeGreaterThanOrEqual(2);
    expect(redraws.length).toBeLessThan(50);
    expect(redraws.at(-2)).toContain('Indexing docs 1000/1000 (100%)');
    expect(redraws.at(-1)).toBe('✓ Indexed docs: 1000 documents\n');
  });
});
