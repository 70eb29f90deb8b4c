import { ConfigError, DEFAULT_MAX_CACHED_WORKFLOWS, loadConfig } from '../../lib/config';

describe('WORKER_MAX_CACHED_WORKFLOWS', () => {
  it('defaults to a bounded cache, so a worker with a thousand waiting orders stays within its memory', () => {
    expect(loadConfig({}).worker.maxCachedWorkflows).toBe(DEFAULT_MAX_CACHED_WORKFLOWS);
    expect(DEFAULT_MAX_CACHED_WORKFLOWS).toBeLessThan(1000);
  });

  it('takes a whole number, 0 turning the cache off', () => {
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '400' }).worker.maxCachedWorkflows).toBe(400);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).worker.maxCachedWorkflows).toBe(0);
  });

  it('refuses anything else, naming the setting', () => {
    for (const value of ['-1', '2.5', 'many']) {
      expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    }
  });
});
