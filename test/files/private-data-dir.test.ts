import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveOperatorToken } from '../../api/operator-token';
import { loadOrCreateEncryptionKey } from '../../lib/secrets';
import { ensureTemporalCli } from '../../lib/temporal/cli';
import { startTemporalDevServer } from '../../lib/temporal/dev-server';
import { freePort } from '../support/ports';

const modeOf = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

describe('the data folder stays private (it holds keys, tokens and workflow histories)', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'woo-xero-private-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('creates it 0700 and tightens one that an older version left readable to others', async () => {
    const fresh = path.join(root, 'fresh', 'data');
    await resolveOperatorToken(undefined, fresh);
    expect(await modeOf(fresh)).toBe(0o700);

    const old = path.join(root, 'old');
    await mkdir(old, { mode: 0o755 });
    await chmod(old, 0o755);
    await loadOrCreateEncryptionKey({ dataDir: old });
    expect(await modeOf(old)).toBe(0o700);
  });

  it('keeps the Temporal dev server’s folder 0700 and its log 0600', async () => {
    const dataDir = path.join(root, 'data');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    const [port, uiPort] = [await freePort(), await freePort()];
    const server = await startTemporalDevServer({ cli: ensureTemporalCli(), dataDir, port, uiPort });
    try {
      expect(await modeOf(dataDir)).toBe(0o700);
      expect(await modeOf(path.join(dataDir, 'temporal.log'))).toBe(0o600);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
