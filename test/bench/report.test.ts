import {
  fixed,
  markdownTable,
  percentile,
  previousSection,
  renderBenchmarks,
  renderSection,
  type BenchResult,
} from '../../scripts/bench/report';

const RUN = { command: 'npm run bench -- calls', date: '2026-12-02 10:00 UTC', machine: 'a machine', commit: 'abc123' };

function result(value: string): BenchResult {
  return {
    id: 'calls',
    title: 'Xero calls per order',
    figures: [
      { name: 'Repeat', value, target: '≤ 1.2', met: Number(value) <= 1.2 },
      { name: 'Untargeted', value: '7' },
    ],
    notes: ['Counted by the sandbox.'],
    layout: 'one process',
  };
}

describe('percentile (nearest rank)', () => {
  it('picks the value at the rank ceil(p/100 × n), whatever the input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([42], 1)).toBe(42);
    expect(values).toEqual([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
  });

  it('refuses no values and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow('no values');
    expect(() => percentile([1], 0)).toThrow('outside');
    expect(() => percentile([1], 101)).toThrow('outside');
  });
});

describe('the Markdown of BENCHMARKS.md', () => {
  it('pads every column to its widest cell and escapes pipes', () => {
    expect(markdownTable(['A', 'Long header'], [['x|y', '1']])).toBe(
      ['| A    | Long header |', '| ---- | ----------- |', '| x\\|y | 1           |'].join('\n'),
    );
  });

  it('formats numbers with fixed decimals and leaves non-finite ones readable', () => {
    expect(fixed(1.005, 1)).toBe('1.0');
    expect(fixed(Infinity, 2)).toBe('Infinity');
  });

  it('a section says met or not met only for figures with a target, and where the run happened', () => {
    const section = renderSection(result('1.50'), RUN);
    expect(section).toContain('| Repeat     | 1.50     | ≤ 1.2  | not met |');
    expect(section).toContain('| Untargeted | 7        |        |         |');
    expect(section).toContain('- Command: `npm run bench -- calls`');
    expect(section).toContain('- Layout: one process');
    expect(section.startsWith('## Xero calls per order')).toBe(true);
  });

  it('rewrites the sections that ran and keeps the others from the previous document', () => {
    const backlogBody = '## Backlog\n\nkept figures';
    const previous = renderBenchmarks('', new Map([['backlog', backlogBody]]));
    const old = renderBenchmarks(previous, new Map([['calls', renderSection(result('1.50'), RUN)]]));
    const next = renderBenchmarks(old, new Map([['calls', renderSection(result('1.00'), RUN)]]));
    expect(previousSection(next, 'backlog')).toBe(backlogBody);
    expect(previousSection(next, 'calls')).toContain('| Repeat     | 1.00     | ≤ 1.2  | met |');
    expect(next).not.toContain('1.50');
    expect(next.indexOf('bench:calls:start')).toBeLessThan(next.indexOf('bench:backlog:start'));
    expect(previousSection(next, 'memory')).toBeUndefined();
  });
});
