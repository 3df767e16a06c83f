/** The rows every scenario returns, the table printed to stdout and the JSON file. */
export interface Row {
  scenario: string;
  /** What was measured, with its unit and which way is better. */
  measure: string;
  ours: number | null;
  /** The peer's or the floor's figure, from the same run. */
  other: number | null;
  /** Who `other` is: "PostGraphile 5", "raw pg", "raw ws", … */
  against: string;
  note?: string;
}

export const ratio = (r: Row) => (r.ours !== null && r.other !== null && r.other !== 0 ? r.ours / r.other : null);

function fmt(n: number | null): string {
  if (n === null || Number.isNaN(n)) return '—';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function table(rows: Row[]): string {
  const head = ['Scenario', 'Measure', 'Ours', 'Peer / floor', 'Against', 'Ours ÷ other', 'Note'];
  const body = rows.map((r) => {
    const q = ratio(r);
    return [r.scenario, r.measure, fmt(r.ours), fmt(r.other), r.against, q === null ? '—' : `${q.toFixed(2)}×`, r.note ?? ''];
  });
  const numeric = (i: number) => i >= 2 && i <= 3;
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n');
}
