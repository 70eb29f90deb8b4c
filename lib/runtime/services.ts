import type { AppConfig } from '../config';
import { createRepositories, openDatabase, type Db, type Repositories } from '../db';
import { createSecretCipher, loadOrCreateEncryptionKey } from '../secrets';
import { createWooClient } from '../woocommerce';
import { createAccountingClient, type XeroAccountingClient } from '../xero/accounting-client';
import { createXeroIdentityClient, type XeroIdentityClient } from '../xero/identity-client';
import { createTokenProvider, type XeroTokenSource } from '../xero/token-provider';

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
export async function openServices(config: AppConfig, opts: { db?: Db } = {}): Promise<Services> {
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const encryptionKey = await loadOrCreateEncryptionKey({
    encryptionKey: config.encryptionKey,
    dataDir: config.dataDir,
  });
  const repos = createRepositories(db, createSecretCipher(encryptionKey));
  const xeroIdentity = createXeroIdentityClient(config.xero);
  const xeroTokens = createTokenProvider({ connections: repos.xeroConnections, identity: xeroIdentity });
  const xero = createAccountingClient({ apiUrl: config.xero.apiUrl, tokens: xeroTokens });
  return {
    db,
    encryptionKey,
    repos,
    xeroIdentity,
    xeroTokens,
    xero,
    createWooClient,
    close: () => (opts.db ? Promise.resolve() : db.close()),
  };
}
