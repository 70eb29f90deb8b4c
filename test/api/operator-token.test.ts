import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  it('agrees on one token when two processes start at once', async () => {
    const [a, b] = await Promise.all([resolveOperatorToken(undefined, dir), resolveOperatorToken(undefined, dir)]);
    expect(a.token).toBe(b.token);
  });
});
