import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Repositories } from '../lib/db/repositories';
import { storeGate } from '../lib/stores/sync-gate';
import { STORE_WEBHOOK_TOPICS, webhookUrlFor } from '../lib/stores/webhook-url';
import { readTaxMapping } from '../lib/sync/tax-mapping';
import { SYNC_STATE, WOO_STORE_ID } from '../lib/temporal/search-attributes';
import { openStoreWooClient, wooAccessRefusal, type WooClient, type WooClientFactory } from '../lib/woocommerce';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import { XeroAuthRevokedError } from '../lib/xero/errors';
import type { XeroIdentityClient } from '../lib/xero/identity-client';
import type { XeroTokenSource } from '../lib/xero/token-provider';
import { storeMaySyncSignal } from '../workflows/store-definitions';
import type { StoreActivities } from './store-types';
import { wooClientForStore } from './woo-activities';

/** Whether a store's subscription lets it sync now, and starting its trial: supplied by the subscriptions module. */
export interface SubscriptionAccess {
  /** The subscription's verdict now; `message` says in plain words why syncing is held. */
  permission(storeId: string): Promise<{ allowed: true } | { allowed: false; message: string }>;
  /** Starts the store's trial unless it already has a subscription; returns what it did. */
  startTrial(storeId: string): Promise<string>;
}

/** What the store activities depend on. */
export interface StoreActivityDeps {
  repos: Pick<Repositories, 'stores' | 'storeLifecycle' | 'xeroConnections' | 'webhookInbox' | 'settings'>;
  createWooClient: WooClientFactory;
  xero: Pick<XeroAccountingClient, 'getTaxRates'>;
  xeroIdentity: Pick<XeroIdentityClient, 'deleteConnection' | 'revokeRefreshToken'>;
  xeroTokens: Pick<XeroTokenSource, 'getAccess'>;
  subscriptions: SubscriptionAccess;
  /** The service's public base URL: the store's webhooks deliver to it. */
  publicUrl: string;
  now?: () => Date;
}

/** What the merchant is told when WooCommerce refuses keys. */
const KEY_REFUSALS = {
  keys_refused: 'WooCommerce refused the keys (401): check the consumer key and secret, or approve new keys.',
  not_admin:
    'WooCommerce accepted the keys but their user cannot manage WooCommerce (403): use an administrator’s keys.',
} as const;

/** Orders modified this long before a pause began are handed over again on resume (the store's clock may differ). */
const CATCH_UP_OVERLAP_MS = 5 * 60_000;
const ORDERS_PER_PAGE = 100;

/** Creates the store lifecycle activities and the order workflows' store gate. */
export function createStoreActivities(deps: StoreActivityDeps): StoreActivities {
  const { repos } = deps;
  const now = deps.now ?? (() => new Date());

  const wooOf = async (storeId: string): Promise<WooClient> =>
    (await wooClientForStore(repos.stores, deps.createWooClient, storeId)).client;

  const ourWebhooks = async (storeId: string, client: WooClient) => {
    const deliveryUrl = webhookUrlFor(deps.publicUrl, storeId);
    return (await client.listWebhooks()).filter((hook) => hook.deliveryUrl === deliveryUrl);
  };

  return {
    async checkStoreMaySync({ storeId }) {
      const [store, connection, pauses, subscription] = await Promise.all([
        repos.stores.get(storeId),
        repos.xeroConnections.get(storeId),
        repos.storeLifecycle.pauses(storeId, 1),
        deps.subscriptions.permission(storeId),
      ]);
      const open = pauses.find((pause) => pause.endedAt === null);
      return storeGate({
        status: store?.status ?? null,
        pausedSince: open?.startedAt ?? null,
        xero: connection ? { status: connection.status, lastError: connection.lastError } : null,
        subscription,
      });
    },

    async noteXeroRefused({ storeId, reason }) {
      await repos.xeroConnections.markDisconnected(storeId, reason);
    },

    async nextStoreEvent({ storeId }) {
      const event = await repos.storeLifecycle.nextPending(storeId);
      return event ? { eventId: event.id, kind: event.kind } : null;
    },

    async settleStoreEvent({ eventId, state, outcome }) {
      await repos.storeLifecycle.settle(eventId, state, outcome);
    },

    async verifyWooStore({ storeId, eventId }) {
      const [store, brought, stored] = await Promise.all([
        repos.stores.get(storeId),
        repos.storeLifecycle.keysOf(eventId),
        repos.stores.getCredentials(storeId),
      ]);
      const keys = brought ?? stored;
      if (!store || !keys) {
        throw ApplicationFailure.nonRetryable('The store has no WooCommerce keys: supply them first', 'NoWooKeys');
      }
      const client = deps.createWooClient({
        storeUrl: store.url,
        consumerKey: keys.consumerKey,
        consumerSecret: keys.consumerSecret,
      });
      let facts;
      try {
        facts = await client.readStoreFacts();
      } catch (err) {
        const refusal = wooAccessRefusal(err);
        if (!refusal) throw err;
        throw ApplicationFailure.nonRetryable(KEY_REFUSALS[refusal], 'WooKeysRefused');
      }
      await repos.stores.setWooKeys(storeId, { consumerKey: keys.consumerKey, consumerSecret: keys.consumerSecret });
      await repos.stores.setFacts(storeId, facts);
      const prices = facts.pricesIncludeTax ? 'prices include tax' : 'prices exclude tax';
      const taxes = facts.taxesEnabled ? 'taxes enabled' : 'taxes disabled';
      return `WooCommerce keys verified: ${facts.currency}, ${facts.decimals} decimals, ${prices}, ${taxes}.`;
    },

    async ensureStoreWebhooks({ storeId }) {
      const client = await wooOf(storeId);
      const credentials = await repos.stores.getCredentials(storeId);
      if (!credentials) throw ApplicationFailure.nonRetryable('The store has no webhook secret', 'NoWooKeys');
      const existing = await ourWebhooks(storeId, client);
      const deliveryUrl = webhookUrlFor(deps.publicUrl, storeId);
      const created: string[] = [];
      const reactivated: string[] = [];
      for (const topic of STORE_WEBHOOK_TOPICS) {
        const found = existing.find((hook) => hook.topic === topic);
        if (found && found.status === 'active') continue;
        // A paused or disabled hook of ours (or one made with an older secret) is replaced by a fresh one.
        if (found) {
          await client.deleteWebhook(found.id);
          reactivated.push(topic);
        } else created.push(topic);
        await client.createWebhook({
          name: `Xero sync: ${topic}`,
          topic,
          deliveryUrl,
          secret: credentials.webhookSecret,
        });
      }
      const kept = STORE_WEBHOOK_TOPICS.length - created.length - reactivated.length;
      return `Webhooks: ${created.length} created, ${reactivated.length} replaced, ${kept} already active.`;
    },

    async suggestStoreTaxMapping({ storeId }) {
      const connection = await repos.xeroConnections.get(storeId);
      if (!connection || connection.status !== 'connected') {
        return 'Tax mapping: suggested once Xero is connected.';
      }
      const view = await readTaxMapping({
        storeId,
        woo: await wooOf(storeId),
        xero: deps.xero,
        settings: repos.settings,
      });
      const ready = view.suggestions.filter((suggestion) => suggestion.taxType !== null).length;
      return `Tax mapping: ${ready} of ${view.suggestions.length} unmapped WooCommerce rates have a suggested Xero tax rate (review and apply them in the tax mapping).`;
    },

    async startStoreTrial({ storeId }) {
      return deps.subscriptions.startTrial(storeId);
    },

    async markStoreActive({ storeId }) {
      const store = await repos.stores.get(storeId);
      if (store?.status === 'uninstalled') {
        throw ApplicationFailure.nonRetryable('The store was uninstalled', 'StoreUninstalled');
      }
      if (store?.status === 'deactivated') return 'Store stays paused (deactivated) until the plugin is reactivated.';
      await repos.stores.setStatus(storeId, 'active');
      return 'Store active: orders sync.';
    },

    async pauseStore({ storeId }) {
      const store = await repos.stores.get(storeId);
      if (!store || store.status === 'uninstalled') return 'Nothing to pause: the store was uninstalled.';
      await repos.stores.setStatus(storeId, 'deactivated');
      const pause = await repos.storeLifecycle.openPause(storeId, 'deactivated', now());
      return `Syncing paused since ${pause.startedAt.toISOString()}: webhooks are still recorded, nothing is booked.`;
    },

    async resumeStore({ storeId }) {
      const store = await repos.stores.get(storeId);
      if (!store || store.status === 'uninstalled') return { summary: 'Nothing to resume: the store was uninstalled.' };
      if (store.status === 'deactivated') await repos.stores.setStatus(storeId, 'active');
      const closed = await repos.storeLifecycle.closePause(storeId, now());
      if (!closed) return { summary: 'The store was not paused.' };
      return {
        summary: `Syncing resumed; paused from ${closed.startedAt.toISOString()} to ${closed.endedAt?.toISOString()}.`,
        pausedSince: closed.startedAt.toISOString(),
      };
    },

    async catchUpStoreOrders({ storeId, since, eventId }) {
      const client = await wooOf(storeId);
      const modifiedAfter = new Date(Date.parse(since) - CATCH_UP_OVERLAP_MS).toISOString().slice(0, 19);
      let handed = 0;
      for (let page = 1; ; page += 1) {
        const found = await client.listOrders({ page, perPage: ORDERS_PER_PAGE, modifiedAfter });
        for (const order of found.orders) {
          // One row per order and resume: a retried page records nothing twice.
          await repos.webhookInbox.record({
            storeId,
            orderId: order.id,
            deliveryId: `resume:${eventId}`,
            topic: 'store.resumed',
            orderNumber: order.number,
          });
          handed += 1;
        }
        Context.current().heartbeat({ page });
        if (page >= found.totalPages || found.orders.length === 0) break;
      }
      return `${handed} orders modified during the pause handed to their workflows.`;
    },

    async wakeWaitingOrders({ storeId }) {
      const { client } = Context.current();
      const query = `WorkflowType = "syncOrderWorkflow" AND ${WOO_STORE_ID.name} = "${storeId}" AND ExecutionStatus = "Running" AND ${SYNC_STATE.name} IN ("paused", "waiting-for-reconnect", "settling")`;
      let woken = 0;
      for await (const execution of client.workflow.list({ query })) {
        try {
          await client.workflow.getHandle(execution.workflowId, execution.runId).signal(storeMaySyncSignal);
          woken += 1;
        } catch {
          // The run ended meanwhile: nothing waits there any more.
        }
      }
      return `${woken} waiting orders told to look again.`;
    },

    async deleteStoreWebhooks({ storeId }) {
      const opened = await openStoreWooClient(repos.stores, deps.createWooClient, storeId);
      if (!opened) return 'Webhooks: no WooCommerce keys left (already erased), nothing deleted.';
      try {
        const ours = await ourWebhooks(storeId, opened.client);
        for (const hook of ours) await opened.client.deleteWebhook(hook.id);
        return `Webhooks: ${ours.length} deleted.`;
      } catch (err) {
        // Leaving must not depend on WooCommerce still accepting the keys: say what is left to do by hand.
        if (!wooAccessRefusal(err)) throw err;
        return 'Webhooks: WooCommerce refused the keys, so the "Xero sync" webhooks must be deleted in WooCommerce (Settings, Advanced, Webhooks).';
      }
    },

    async disconnectStoreXero({ storeId }) {
      const connection = await repos.xeroConnections.get(storeId);
      if (!connection) return 'Xero: not connected.';
      try {
        const access = await deps.xeroTokens.getAccess(storeId);
        const removed = await deps.xeroIdentity.deleteConnection(access.accessToken, connection.connectionId);
        const current = await repos.xeroConnections.get(storeId);
        if (current) await deps.xeroIdentity.revokeRefreshToken(current.refreshToken);
        return removed ? 'Xero: organisation disconnected and tokens revoked.' : 'Xero: tokens revoked.';
      } catch (err) {
        // A grant Xero already refused, or a connection marked broken, has nothing left to revoke.
        if (err instanceof XeroAuthRevokedError || connection.status !== 'connected') {
          return 'Xero: access had already been revoked.';
        }
        throw err;
      }
    },

    async eraseStoreData({ storeId }) {
      await repos.stores.eraseForUninstall(storeId);
      return 'Credentials and personal data erased; the ledger of what was booked is kept.';
    },
  };
}
