import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { connectTemporalClient, temporalConnectionOptions } from '../../lib/temporal/connection';
import type { TemporalSettings } from '../../lib/temporal/connection-settings';
import { connectTemporalWorker } from '../../lib/temporal/native-connection';
import { startTestTemporal } from '../support/temporal';

const API_KEY = 'tcld-key-that-must-never-be-printed';

describe('Temporal connection settings', () => {
  let dir: string;
  const pem = (label: string, body: string): string => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'temporal-tls-'));
    const contents = {
      ca: pem('CERTIFICATE', 'Y2EtY2VydA=='),
      cert: pem('CERTIFICATE', 'Y2xpZW50LWNlcnQ='),
      key: pem('PRIVATE KEY', 'Y2xpZW50LWtleQ=='),
      notPem: 'just some text\n',
    };
    for (const [name, text] of Object.entries(contents)) {
      files[name] = path.join(dir, `${name}.pem`);
      await writeFile(files[name], text);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  function problemsOf(env: Record<string, string>): string[] {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('connects in plain text with neither TLS nor an API key by default', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233' });
    expect(temporalConnectionOptions(config.temporal)).toEqual({ address: 'temporal.internal:7233' });
    expect(temporalConnectionOptions(loadConfig({}).temporal)).toEqual({ address: 'localhost:7233' });
  });

  it('sends the API key over TLS (Temporal Cloud)', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_API_KEY: API_KEY });
    expect(temporalConnectionOptions(config.temporal)).toEqual({
      address: 'eu-west-1.aws.api.temporal.io:7233',
      apiKey: API_KEY,
      tls: {},
    });
  });

  it('carries the CA, the client certificate pair and the server name into the TLS options (mTLS)', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: files.ca,
      TEMPORAL_TLS_CLIENT_CERT_PATH: files.cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: files.key,
      TEMPORAL_TLS_SERVER_NAME: 'ns.acct.tmprl.cloud',
    });
    const options = temporalConnectionOptions(config.temporal);
    expect(options.apiKey).toBeUndefined();
    expect(options.tls).toEqual({
      serverNameOverride: 'ns.acct.tmprl.cloud',
      serverRootCACertificate: Buffer.from(pem('CERTIFICATE', 'Y2EtY2VydA==')),
      clientCertPair: {
        crt: Buffer.from(pem('CERTIFICATE', 'Y2xpZW50LWNlcnQ=')),
        key: Buffer.from(pem('PRIVATE KEY', 'Y2xpZW50LWtleQ==')),
      },
    });
  });

  it('turns TLS on alone with TEMPORAL_TLS=true', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_TLS: 'true' });
    expect(temporalConnectionOptions(config.temporal)).toEqual({ address: 'temporal.example:7233', tls: {} });
  });

  it('refuses a client certificate without its key, and a key without its certificate', () => {
    const base = { TEMPORAL_ADDRESS: 'temporal.example:7233' };
    expect(problemsOf({ ...base, TEMPORAL_TLS_CLIENT_CERT_PATH: files.cert })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_CLIENT_KEY_PATH: .*TEMPORAL_TLS_CLIENT_CERT_PATH/),
    ]);
    expect(problemsOf({ ...base, TEMPORAL_TLS_CLIENT_KEY_PATH: files.key })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_CLIENT_CERT_PATH: .*TEMPORAL_TLS_CLIENT_KEY_PATH/),
    ]);
  });

  it('names unreadable and non-PEM files without printing their paths', () => {
    const problems = problemsOf({
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'missing.pem'),
      TEMPORAL_TLS_CLIENT_CERT_PATH: files.notPem,
      TEMPORAL_TLS_CLIENT_KEY_PATH: files.key,
    });
    expect(problems).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read/),
      expect.stringMatching(/^TEMPORAL_TLS_CLIENT_CERT_PATH: .*PEM/),
    ]);
    expect(problems.join('\n')).not.toContain(dir);
  });

  it('refuses an API key or TLS without TEMPORAL_ADDRESS, and an API key with TLS turned off', () => {
    expect(problemsOf({ TEMPORAL_API_KEY: API_KEY })).toEqual([expect.stringMatching(/^TEMPORAL_ADDRESS: /)]);
    expect(problemsOf({ TEMPORAL_TLS: 'true' })).toEqual([expect.stringMatching(/^TEMPORAL_ADDRESS: /)]);
    const unencrypted = problemsOf({
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      TEMPORAL_API_KEY: API_KEY,
      TEMPORAL_TLS: 'false',
    });
    expect(unencrypted).toEqual([expect.stringMatching(/^TEMPORAL_TLS: .*TEMPORAL_API_KEY/)]);
    expect(problemsOf({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_TLS: 'yes' })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS: /),
    ]);
    expect(unencrypted.join('\n')).not.toContain(API_KEY);
  });

  it('reports Temporal problems together with the other bad settings', () => {
    expect(problemsOf({ PORT: 'eighty', TEMPORAL_TLS_CLIENT_CERT_PATH: files.cert, TEMPORAL_ADDRESS: 'x:1' })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^TEMPORAL_TLS_CLIENT_KEY_PATH: /),
    ]);
  });
});

describe('connecting through the helper', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTestTemporal();
  }, 120_000);
  afterAll(() => env?.teardown());

  const settings = (address: string): TemporalSettings => ({
    address,
    namespace: 'default',
    taskQueue: 'connection-test',
    uiUrl: 'http://localhost:8233',
  });

  it('opens client and worker connections to a plain-text server', async () => {
    const address = env.connection.options.address;
    const client = await connectTemporalClient(settings(address));
    const worker = await connectTemporalWorker(settings(address));
    try {
      const described = await client.workflowService.describeNamespace({ namespace: 'default' });
      expect(described.namespaceInfo?.name).toBe('default');
    } finally {
      await client.close();
      await worker.close();
    }
  });

  it('says where and how it failed to connect, without the API key', async () => {
    const address = env.connection.options.address;
    const failure = connectTemporalWorker({ ...settings(address), apiKey: API_KEY, tls: {} });
    await expect(failure).rejects.toThrow(`Cannot connect to Temporal at ${address} (TEMPORAL_ADDRESS, TLS, API key)`);
    await expect(failure).rejects.not.toThrow(API_KEY);
  });
});

describe('one way to connect', () => {
  it('leaves no Connection.connect or NativeConnection.connect outside lib/temporal in the processes', () => {
    const root = path.resolve(__dirname, '..', '..');
    const files = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', 'api', 'worker', 'scripts'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((file) => file.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const direct = files.filter((file) => /Connection\.connect\(/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(direct).toEqual([]);
  });
});
