import { randomBytes } from 'node:crypto';

/** A REST API key (a row of `woocommerce_api_keys`): its owner and what it may do. */
export interface ApiKey {
  keyId: number;
  userId: number;
  description: string;
  consumerKey: string;
  consumerSecret: string;
  permissions: 'read' | 'write' | 'read_write';
}

/** `'ck_' . wc_rand_hash()` / `'cs_' . wc_rand_hash()`: a prefix and 40 hex characters. */
function randomKeyPart(prefix: 'ck_' | 'cs_'): string {
  return `${prefix}${randomBytes(20).toString('hex')}`;
}

/** The store's REST API keys, created in wp-admin, by tests, or through the `/wc-auth/v1` handshake. */
export class ApiKeyStore {
  private readonly keys: ApiKey[] = [];
  private nextId = 1;

  /** Creates a key for a user; `consumerKey`/`consumerSecret` may be fixed (tests), else generated. */
  create(input: {
    userId: number;
    permissions: ApiKey['permissions'];
    description: string;
    consumerKey?: string;
    consumerSecret?: string;
  }): ApiKey {
    const key: ApiKey = {
      keyId: this.nextId++,
      userId: input.userId,
      description: input.description,
      consumerKey: input.consumerKey ?? randomKeyPart('ck_'),
      consumerSecret: input.consumerSecret ?? randomKeyPart('cs_'),
      permissions: input.permissions,
    };
    this.keys.push(key);
    return key;
  }

  /** The key with this consumer key, if any. */
  find(consumerKey: string): ApiKey | undefined {
    return this.keys.find((key) => key.consumerKey === consumerKey);
  }

  /** Deletes a key (`WC_Auth::maybe_delete_key`, or revoking it in wp-admin). */
  delete(keyId: number): void {
    const index = this.keys.findIndex((key) => key.keyId === keyId);
    if (index >= 0) this.keys.splice(index, 1);
  }

  /** Every key, oldest first. */
  list(): ApiKey[] {
    return [...this.keys];
  }
}
