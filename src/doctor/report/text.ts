// Renders a DoctorReport as a checklist grouped by area: ✓ / ⚠ / ✗ with a reason and, for problems, the fix.
import { Chalk, type ChalkInstance } from 'chalk';
import { CHECK_AREAS, type CheckArea, type CheckResult, type DoctorReport } from '../types.js';

const AREA_TITLES: Record<CheckArea, string> = {
  reachability: 'Reachability',
  endpoint: 'Endpoint',
  transport: 'Transport',
  protocol: 'Protocol',
  tools: 'Tools',
  search: 'search / fetch',
  auth: 'Auth',
  cors: 'CORS (informational)',
};

export interface TextReportOptions {
  /** Force colours on or off; default: on for a TTY unless NO_COLOR is set. */
  readonly color?: boolean;
  readonly verbose?: boolean;
}

function chalkFor(options: TextReportOptions): ChalkInstance {
  const wanted = options.color ?? (!process.env.NO_COLOR && !!process.stdout.isTTY);
  return new Chalk({ level: wanted ? 1 : 0 });
}

function mark(c: ChalkInstance, r: CheckResult): string {
  switch (r.status) {
    case 'pass':
      return c.green('✓');
    case 'warn':
      return c.yellow('⚠');
    case 'fail':
      return c.red('✗');
    default:
      return c.dim('–');
  }
}

export function renderText(report: DoctorReport, options: TextReportOptions = {}): string {
  const c = chalkFor(options);
  const lines: string[] = [c.bold(`mcp-devmode doctor ${report.url}`)];
  if (report.endpoint !== report.url) lines.push(c.dim(`probed ${report.endpoint}`));
  const width = Math.max(...report.checks.map((r) => r.id.length));
  for (const area of CHECK_AREAS) {
    const rows = report.checks.filter((r) => r.area === area);
    if (rows.length === 0) continue;
    lines.push('', c.bold(AREA_TITLES[area]));
    for (const group of collapseSkips(rows, options.verbose)) {
      const r = group[0]!;
      if (group.length > 1) {
        lines.push(`  ${mark(c, r)} ${c.dim(`${group.length} checks`.padEnd(width))}  ${c.dim(`${r.message} (${group.map((g) => g.id).join(', ')})`)}`);
        continue;
      }
      const text = r.status === 'skip' ? c.dim(r.message) : r.message;
      lines.push(`  ${mark(c, r)} ${c.dim(r.id.padEnd(width))}  ${text}`);
      if (r.fix && (r.status === 'fail' || r.status === 'warn')) lines.push(`    ${' '.repeat(width)}  ${c.cyan('fix:')} ${r.fix}`);
      if (options.verbose && r.details) lines.push(`    ${' '.repeat(width)}  ${c.dim(JSON.stringify(r.details))}`);
    }
  }
  lines.push('', summaryLine(report, c));
  return `${lines.join('\n')}\n`;
}

/** Runs of skipped checks with the same reason print as one line (e.g. every auth check when auth is off). */
function collapseSkips(rows: readonly CheckResult[], verbose = false): CheckResult[][] {
  const groups: CheckResult[][] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    if (!verbose && last && r.status === 'skip' && last[0]!.status === 'skip' && last[0]!.message === r.message) last.push(r);
    else groups.push([r]);
  }
  return groups;
}

export function summaryLine(report: DoctorReport, c: ChalkInstance = new Chalk({ level: 0 })): string {
  const { pass, warn, fail, skip } = report.summary;
  const counts = `${pass} passed, ${warn} warning${warn === 1 ? '' : 's'}, ${fail} failed, ${skip} skipped in ${(report.durationMs / 1000).toFixed(1)} s`;
  if (fail === 0) return `${c.green.bold('✓ ready for ChatGPT Developer Mode')} (${counts})`;
  return `${c.red.bold(`✗ ${fail} problem${fail === 1 ? '' : 's'} to fix`)} (${counts})`;
}
