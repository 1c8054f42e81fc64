/**
 * The pure parts of the benchmark harness: parsing wrk's output, percentiles, ratios against a
 * reference from the same run, and the Markdown the results are written as. No I/O here, so it is
 * unit-tested (report.test.ts).
 */

export interface Figure {
  /** What was measured, e.g. "signed variant, 16 connections". */
  name: string;
  value: number;
  unit: string;
  /** The figure this one is compared with (same run); absent for a reference itself. */
  reference?: { name: string; value: number };
  /** True when a smaller value is better (latency, bytes, memory): a ratio target is then a ceiling. */
  lowerIsBetter?: boolean;
  /** A target, e.g. { ratio: 0.5 } (≥ 0.5× the reference) or { max: 5 } (≤ 5 in `unit`). */
  target?: { ratio?: number; max?: number; min?: number; label: string };
  note?: string;
}

export interface Section {
  title: string;
  /** Free text under the title: what ran, against what, with which commands. */
  lines: string[];
  figures: Figure[];
  /** Shown after the table (profiles, why a target is missed). */
  notes?: string[];
}

export interface Machine {
  date: string;
  host: string;
  cpus: string;
  cores: number;
  memoryGb: number;
  loadBefore: number[];
  loadAfter?: number[];
  versions: Record<string, string>;
  command: string;
}

/** `value / reference`, e.g. 0.53 for half of nginx's req/s or 1.08 for 8 % slower than raw sharp. */
export function ratio(value: number, reference: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(reference) || reference === 0) return Number.NaN;
  return value / reference;
}

export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '–';
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** A number with sensible precision for a table cell. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** `met`, or how far a figure is from its target. */
export function targetStatus(f: Figure): string {
  const t = f.target;
  if (!t) return '';
  if (t.ratio !== undefined && f.reference) {
    const r = ratio(f.value, f.reference.value);
    if (!Number.isFinite(r)) return `${t.label}: not measured`;
    const ok = f.lowerIsBetter ? r <= t.ratio : r >= t.ratio;
    return ok ? `${t.label}: met` : `${t.label}: **missed** (${formatRatio(r)})`;
  }
  if (t.max !== undefined) {
    return f.value <= t.max ? `${t.label}: met` : `${t.label}: **missed** by ${formatValue(f.value - t.max, f.unit)}`;
  }
  if (t.min !== undefined) {
    return f.value >= t.min ? `${t.label}: met` : `${t.label}: **missed** by ${formatValue(t.min - f.value, f.unit)}`;
  }
  return '';
}

/** A Markdown table; cells are escaped for `|`. */
export function table(header: string[], rows: string[][]): string[] {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

export function figureRows(figures: Figure[]): string[][] {
  return figures.map((f) => [
    f.name,
    formatValue(f.value, f.unit),
    f.reference ? f.reference.name : 'reference',
    f.reference ? formatRatio(ratio(f.value, f.reference.value)) : '1.00×',
    [targetStatus(f), f.note ?? ''].filter(Boolean).join('; '),
  ]);
}

export function renderSection(s: Section): string[] {
  return [
    `## ${s.title}`,
    '',
    ...s.lines,
    ...(s.lines.length ? [''] : []),
    ...table(['Figure', 'Value', 'Against', 'Ratio', 'Target / note'], figureRows(s.figures)),
    '',
    ...(s.notes?.length ? [...s.notes, ''] : []),
  ];
}

export function renderMachine(m: Machine): string[] {
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
  return [
    `Run at ${m.date} on ${m.host}: ${m.cores} × ${m.cpus}, ${m.memoryGb.toFixed(0)} GB RAM.`,
    `Load average (1, 5, 15 min) before: ${load(m.loadBefore)}${m.loadAfter ? `; after: ${load(m.loadAfter)}` : ''}.`,
    `Versions: ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `Command: \`${m.command}\`. Every ratio is against a reference measured in this same run, on 127.0.0.1.`,
  ];
}

export function renderReport(title: string, machine: Machine, sections: Section[]): string {
  return [`# ${title}`, '', ...renderMachine(machine), '', ...sections.flatMap(renderSection)].join('\n');
}

/** The `p`-th percentile (0–100) of `values` by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** wrk's duration text ("812.00us", "2.51ms", "1.02s") in milliseconds. */
export function parseDuration(text: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  /** Responses that were not 2xx or 3xx. */
  non2xx: number;
  /** Socket errors (connect, read, write, timeout). */
  socketErrors: number;
  requests: number;
}

/** Reads `wrk --latency` output. */
export function parseWrk(out: string): WrkResult {
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    p50: parseDuration(/^\s+50%\s+(\S+)/m.exec(out)?.[1]),
    p99: parseDuration(/^\s+99%\s+(\S+)/m.exec(out)?.[1]),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0,
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
  };
}

/** The median of several rounds of the same measurement (rounds are interleaved across servers). */
export function median(values: number[]): number {
  return percentile(values, 50);
}
