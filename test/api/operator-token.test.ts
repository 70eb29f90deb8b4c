import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { resolveOperatorToken } from '../../api/operator-token';

describe('resolveOperatorToken', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'operator-token-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('uses OPERATOR_TOKEN when configured and writes no file', async () => {
    expect(await resolveOperatorToken('configured-token-123456', dir)).toEqual({
      token: 'configured-token-123456',
      origin: 'config',
    });
    await expect(stat(path.join(dir, 'operator-token'))).rejects.toThrow();
  });

  it('creates a private token file on first start and reuses it afterwards', async () => {
    const first = await resolveOperatorToken(undefined, dir);
    expect(first).toEqual({
      token: expect.stringMatching(/^op_[a-z2-7]{40}$/),
      origin: 'created',
      file: path.join(dir, 'operator-token'),
    });
    expect((await stat(first.file!)).mode & 0o777).toBe(0o600);
    expect((await readFile(first.file!, 'utf8')).trim()).toBe(first.token);
    expect(await resolveOperatorToken(undefined, dir)).toEqual({ ...first, origin: 'file' });
  });

  it('agrees on one token when several processes start at once, never reading a half-written file', async () => {
    // The race (one start reading the file another has created but not yet written) is narrow: repeat it.
    const rounds = 500;
    const results = await raceProcesses(4, dir, rounds);
    for (let round = 0; round < rounds; round++) {
      const tokens = new Set(results.map((result) => result[round]));
      expect([...tokens].filter((token) => token.startsWith('error'))).toEqual([]);
      expect(tokens.size).toBe(1);
      expect(await readdir(path.join(dir, `round-${round}`))).toEqual(['operator-token']);
    }
  }, 120_000);
});

/** Starts `count` racer processes, lets them all go at once and returns each one's tokens per round. */
async function raceProcesses(count: number, base: string, rounds: number): Promise<string[][]> {
  const racer = path.join(__dirname, '..', 'support', 'operator-token-racer.ts');
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', racer, base, String(rounds)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const lines = children.map((child) => readLines(child.stdout));
  await Promise.all(lines.map((next) => next()));
  for (const child of children) child.stdin.write('go\n');
  return Promise.all(lines.map(async (next) => JSON.parse(await next()) as string[]));
}

function readLines(stream: Readable): () => Promise<string> {
  const reader = createInterface({ input: stream })[Symbol.asyncIterator]();
  return async () => {
    const line = await reader.next();
    if (line.done) throw new Error('The racer process ended without answering.');
    return line.value;
  };
}
