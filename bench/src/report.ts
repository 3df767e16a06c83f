/** The rows every scenario returns, the table printed to stdout, the result files and the README's table. */
import { readFileSync, writeFileSync } from 'node:fs';

export interface Row {
  scenario: string;
  /** What was measured, with its unit and which way is better. */
  measure: string;
  ours: number | null;
  /** The peer's or the floor's figure, from the same run. */
  other: number | null;
  /** Who `other` is: "PostGraphile 5", "raw pg", "raw ws", … */
  against: string;
  /** The issue's target for "ours ÷ other" (or for ours alone), e.g. "≤ 2×". */
  target?: string;
  note?: string;
}

export const ratio = (r: Row) => (r.ours !== null && r.other !== null && r.other !== 0 ? r.ours / r.other : null);

function fmt(n: number | null): string {
  if (n === null || Number.isNaN(n)) return '—';
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function table(rows: Row[]): string {
  const head = ['Scenario', 'Measure', 'Ours', 'Peer / floor', 'Against', 'Ours ÷ other', 'Target', 'Note'];
  const body = rows.map((r) => {
    const q = ratio(r);
    return [r.scenario, r.measure, fmt(r.ours), fmt(r.other), r.against, q === null ? '—' : `${q.toFixed(2)}×`, r.target ?? '', r.note ?? ''];
  });
  const numeric = (i: number) => i >= 2 && i <= 3;
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n');
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  postgres: string;
  /** Other work on the machine (1, 5 and 15 minutes) when the run started and ended: absolute figures move with it, ratios less. */
  loadAverage: { start: number[]; end: number[] };
}

/** What results/<mode>.json holds. */
export interface RunResult {
  date: string;
  mode: string;
  /** The commit measured, and whether the work tree had changes besides it. */
  commit: { sha: string; dirty: boolean };
  options: Record<string, unknown>;
  seconds: number;
  machine: Machine;
  rows: (Row & { ratio: number | null })[];
  details: Record<string, unknown>;
}

export function summary(r: RunResult): string {
  const m = r.machine;
  return (
    `${m.cores} × ${m.cpu}, ${m.memoryGB} GB, Node ${m.node}, PostgreSQL ${m.postgres}; load average ${m.loadAverage.start.join(' ')} at the start, ` +
    `${m.loadAverage.end.join(' ')} at the end; ${r.mode} run of ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.seconds} s, commit ${r.commit.sha.slice(0, 10)}${r.commit.dirty ? ' (with uncommitted changes)' : ''}.`
  );
}

export const README_START = '<!-- bench:table:start (written by `node bench/run.mjs --print-readme` from bench/results/full.json) -->';
export const README_END = '<!-- bench:table:end -->';

/** Rewrites the README's table, between its markers, from a result file. */
export function printReadme(readme: string, resultFile: string) {
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as RunResult;
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`${readme} has no bench table markers (${README_START} … ${README_END})`);
  const block = `${README_START}\n${summary(result)} "Ours ÷ other" above 1 is better for ↑ rows, below 1 for ↓ rows.\n\n${table(result.rows)}\n`;
  writeFileSync(readme, text.slice(0, start) + block + text.slice(end));
}
