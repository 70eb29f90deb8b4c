import type { AppConfig } from '../config';
import { createRepositories, openDatabase, type Db, type Repositories } from '../db';
import { createSecretCipher, loadOrCreateEncryptionKey } from '../secrets';
import { createWooClient } from '../woocommerce';
import type { XeroAccountingClient } from '../xero/accounting-client';
import type { XeroCallGate } from '../xero/call-gate';
import type { XeroIdentityClient } from '../xero/identity-client';
import type { XeroTokenSource } from '../xero/token-provider';
import { createXeroGovernor } from '../xero/governor';
import { createXeroDoor } from '../xero/xero-door';

/** The long-lived parts every process (API, worker, demo, tests) builds from its configuration. */
export interface Services {
  db: Db;
  encryptionKey: Buffer;
  repos: Repositories;
  xeroIdentity: XeroIdentityClient;
  xeroTokens: XeroTokenSource;
  xero: XeroAccountingClient;
  createWooClient: typeof createWooClient;
  close(): Promise<void>;
}

/** Opens the database and builds the clients; `db` may be given (tests share one). */
export async function openServices(
  config: AppConfig,
  opts: {
    db?: Db;
    /** The Xero governor's clock (default Date.now); tests pass the Xero sandbox's clock so both move together. */
    xeroClock?: () => number;
    /** How many times faster than real time `xeroClock` runs (default 1). */
    xeroClockSpeed?: number;
    /** Hands out Xero call permits instead of the governor (tests that hold permits to pile requests up). */
    gate?: XeroCallGate;
  } = {},
): Promise<Services> {
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const encryptionKey = await loadOrCreateEncryptionKey({
    encryptionKey: config.encryptionKey,
    dataDir: config.dataDir,
  });
  const repos = createRepositories(db, createSecretCipher(encryptionKey));
  const gate =
    opts.gate ??
    createXeroGovernor({
      budgets: repos.xeroCallBudgets,
      limits: config.xero.limits,
      maxWaitMs: config.xero.maxCapacityWaitMs,
      now: opts.xeroClock,
      clockSpeed: opts.xeroClockSpeed,
    });
  const door = createXeroDoor({ config: config.xero, connections: repos.xeroConnections, gate });
  return {
    db,
    encryptionKey,
    repos,
    xeroIdentity: door.identity,
    xeroTokens: door.tokens,
    xero: door.accounting,
    createWooClient: (opts) => createWooClient({ ...opts, devHosts: opts.devHosts ?? config.woo.devHosts }),
    close: () => (opts.db ? Promise.resolve() : db.close()),
  };
}
