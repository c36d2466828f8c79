// The printed form of config errors: file:line:column, the line with a caret, and the hint.
import { describe, expect, it } from 'vitest';
import { ConfigError, formatConfigError } from '../../src/config/index.js';
import { loadIssues, yaml } from './helpers.js';

describe('formatConfigError', () => {
  it('prints location, snippet with caret and hint', async () => {
    const issues = await loadIssues(yaml('name: demo', 'server:', '  prot: 8080'));
    const text = formatConfigError(new ConfigError('mcp.yaml', issues.map((i) => ({ ...i, file: 'mcp.yaml' }))));
    expect(text).toBe(
      [
        'mcp.yaml:3:3: error: unknown key in server: "prot"',
        ' 3 |   prot: 8080',
        '   |   ^',
        '  hint: did you mean "port"?',
        '',
        '1 error in mcp.yaml',
      ].join('\n'),
    );
  });

  it('prints no position for whole-file problems', () => {
    const error = new ConfigError('x.yaml', [
      { code: 'file-unreadable', severity: 'error', file: 'x.yaml', line: 0, column: 0, message: 'cannot read x.yaml: file not found', snippet: '', path: [] },
    ]);
    expect(formatConfigError(error)).toBe('x.yaml: error: cannot read x.yaml: file not found\n\n1 error in x.yaml');
    expect(error.message).toBe('x.yaml: cannot read x.yaml: file not found');
  });

  it('adds colour only when asked', async () => {
    const issues = await loadIssues(yaml('name: demo', 'toolz: []'));
    expect(formatConfigError(new ConfigError('m', issues), { color: true })).toContain('\u001b[');
    expect(formatConfigError(new ConfigError('m', issues))).not.toContain('\u001b[');
  });
});
