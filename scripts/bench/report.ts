/** The benchmarks `npm run bench` knows, in the order BENCHMARKS.md lists them. */
export const BENCH_IDS = ['calls', 'backlog', 'webhooks', 'memory'] as const;

/** One benchmark's name on the command line and in BENCHMARKS.md. */
export type BenchId = (typeof BENCH_IDS)[number];

/** One measured figure, next to its target (if it has one) and whether the target was met. */
export interface Figure {
  name: string;
  value: string;
  target?: string;
  met?: boolean;
}

/** What one benchmark produced. */
export interface BenchResult {
  id: BenchId;
  title: string;
  figures: Figure[];
  /** Plain sentences on how the figures were made (sizes, limits, what was counted). */
  notes: string[];
  /** Which processes ran the service, on which database (BenchStack's layout). */
  layout: string;
}

/** Where and how a run happened, printed under every section it wrote. */
export interface RunContext {
  command: string;
  date: string;
  machine: string;
  commit: string;
}

/** The p-th percentile (0 < p ≤ 100) of the values by the nearest-rank method; throws on no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is outside (0, 100]`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)] as number;
}

/** A number with a fixed count of decimals, for tables. */
export function fixed(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : String(value);
}

/** A Markdown table with every column padded to its widest cell, as Prettier formats it. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const cells = [header, ...rows].map((row) => header.map((_, c) => escape(row[c] ?? '')));
  const widths = header.map((_, c) => Math.max(3, ...cells.map((row) => [...(row[c] ?? '')].length)));
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - [...cell].length)).join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

function metCell(figure: Figure): string {
  if (figure.met === undefined) return '';
  return figure.met ? 'met' : 'not met';
}

/** One benchmark's Markdown: its table of figures, notes, and the command, date, machine and commit. */
export function renderSection(result: BenchResult, run: RunContext): string {
  const table = markdownTable(
    ['Figure', 'Measured', 'Target', 'Met'],
    result.figures.map((f) => [f.name, f.value, f.target ?? '', metCell(f)]),
  );
  const notes = result.notes.map((note) => `- ${note}`);
  const where = [
    `- Command: \`${run.command}\``,
    `- Date: ${run.date}`,
    `- Machine: ${run.machine}`,
    `- Commit: ${run.commit}`,
    `- Layout: ${result.layout}`,
  ];
  return [`## ${result.title}`, table, [...notes, ...where].join('\n')].join('\n\n');
}

const startMarker = (id: BenchId): string => `<!-- bench:${id}:start -->`;
const endMarker = (id: BenchId): string => `<!-- bench:${id}:end -->`;

/** The section of `id` in an earlier BENCHMARKS.md, markers excluded, if it has one. */
export function previousSection(document: string, id: BenchId): string | undefined {
  const start = document.indexOf(startMarker(id));
  const end = document.indexOf(endMarker(id));
  if (start < 0 || end < start) return undefined;
  return document.slice(start + startMarker(id).length, end).trim();
}

const PREAMBLE = [
  '# Benchmarks',
  'Written by `npm run bench` (see docs/benchmarks.md for what each benchmark measures and how). Each section says ' +
    'the command, date, machine and commit of the run that made it; a run of one benchmark rewrites only its section.',
].join('\n\n');

/** BENCHMARKS.md: the new sections, and the earlier document's sections of benchmarks that were not run again. */
export function renderBenchmarks(previous: string, sections: ReadonlyMap<BenchId, string>): string {
  const parts = BENCH_IDS.flatMap((id) => {
    const body = sections.get(id) ?? previousSection(previous, id);
    return body === undefined ? [] : [[startMarker(id), body, endMarker(id)].join('\n\n')];
  });
  return `${[PREAMBLE, ...parts].join('\n\n')}\n`;
}
