import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApiServer } from '../../api/main';
import { silentLogger } from '../../api/logger';
import { loadConfig } from '../../lib/config';
import { openServices } from '../../lib/runtime/services';
import { openTestDatabase } from '../support/database';
import { startTestTemporal } from '../support/temporal';

describe('createApiServer', () => {
  let env: TestWorkflowEnvironment;
  let dataDir: string;

  beforeAll(async () => {
    env = await startTestTemporal();
    dataDir = await mkdtemp(path.join(tmpdir(), 'api-server-'));
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves on a free port with shared services, reports ready, and closes without closing what it was given', async () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir });
    const services = await openServices(config, { db: await openTestDatabase() });
    try {
      const api = await createApiServer(config, { services, temporalConnection: env.connection, logger: silentLogger });
      const url = await api.listen();
      expect(url).toMatch(/^http:\/\/localhost:\d+$/);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ok: true, checks: { database: 'ok', temporal: 'ok' } });
      await api.close();
      await api.close();
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      await services.db.query('SELECT 1');
      await env.connection.workflowService.getSystemInfo({});
    } finally {
      await services.db.close();
    }
  });
});
