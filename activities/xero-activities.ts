import { ApplicationFailure } from '@temporalio/common';
import type { Repositories } from '../lib/db/repositories';
import { equals, parseDecimal } from '../lib/mapping/decimal';
import { createRechecking } from '../lib/sync/create-rechecking';
import { documentToCreate, planOrder } from '../lib/sync/plan-order';
import { identityConflictOfStore } from '../lib/sync/shared-organisation';
import { MappingError, type MappingSettings } from '../lib/mapping';
import { pinnedCurrentSettings } from '../lib/sync/store-settings';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import { chooseContact } from '../lib/xero/choose-contact';
import { ensureItems } from '../lib/xero/ensure-items';
import { newContactNamed } from '../lib/xero/find-contact';
import { findOrCreateContact } from '../lib/xero/find-or-create-contact';
import { XeroValidationError } from '../lib/xero/errors';
import { namesReferenceData, type OrgContextCache } from '../lib/xero/org-context-cache';
import type { WooClient, WooClientFactory } from '../lib/woocommerce';
import type { WooOrder } from '../lib/woocommerce/order-schema';
import type { SyncActivities } from './types';
import { wooClientForStore } from './woo-activities';

/** What the Xero-facing activities need. */
export interface XeroActivityDeps {
  repos: Repositories;
  xero: XeroAccountingClient;
  /** Builds the store's WooCommerce client for the product categories `accounts.byCategory` needs (default: REST). */
  createWooClient: WooClientFactory;
  /** The organisations' reference data, cached (shared with the order-life activities). */
  orgContext: OrgContextCache;
  now: () => Date;
}

/** The activities that plan and create the order's Xero contact, items and document. */
export function createXeroActivities(
  deps: XeroActivityDeps,
): Pick<
  SyncActivities,
  | 'planOrderSync'
  | 'planXeroDocument'
  | 'findOrCreateXeroContact'
  | 'chooseXeroContact'
  | 'ensureXeroItems'
  | 'createXeroDocument'
> {
  const { repos, xero } = deps;
  const { orgContext } = deps;

  const plan = async (storeId: string, order: WooOrder | ((woo: WooClient) => Promise<WooOrder>)) => {
    const woo = await wooClientForStore(repos.stores, deps.createWooClient, storeId);
    const current = typeof order === 'function' ? await order(woo.client) : order;
    const settings = await pinnedCurrentSettings(repos.settings, storeId);
    const cached = orgContext.isCached(storeId);
    const planOnce = (): ReturnType<typeof planOrder> =>
      planOrder({ store: { id: storeId, url: woo.url }, order: current, settings, orgContext, woo: woo.client });
    // A cached context may predate the merchant's change in Xero: refuse the order only on what Xero says now.
    const planned = await planOnce().catch((err: unknown) => {
      if (!(err instanceof MappingError) || !cached) throw err;
      orgContext.invalidate(storeId);
      return planOnce();
    });
    if (!('skipReason' in planned)) await refuseSharedIdentity(repos, { id: storeId, url: woo.url }, settings.settings);
    return { order: current, planned };
  };

  return {
    async planOrderSync({ storeId, orderId }) {
      const { order, planned } = await plan(storeId, (woo) => woo.getOrder(orderId));
      const reduced = 'skipReason' in planned ? planned : documentToCreate(planned);
      return { orderNumber: order.number, ...reduced };
    },

    async planXeroDocument({ storeId, order }) {
      return (await plan(storeId, order)).planned;
    },

    async findOrCreateXeroContact({ storeId, contact }) {
      return findOrCreateContact(xero, storeId, contact, repos.xeroMemory);
    },

    async chooseXeroContact({ storeId, contact, kind }) {
      // Only invoices are documented to create a contact given by Name; a quote's new contact is created first.
      if (kind !== 'invoice') return { contactId: await findOrCreateContact(xero, storeId, contact, repos.xeroMemory) };
      return chooseContact(xero, storeId, contact, repos.xeroMemory);
    },

    async ensureXeroItems({ storeId, items }) {
      await ensureItems(xero, storeId, items, repos.xeroMemory);
    },

    async createXeroDocument(input) {
      const { storeId, orderId, plan } = input;
      const created = await createRechecking({
        storeId,
        orderId,
        plan,
        contact:
          'contactId' in input ? { ContactID: input.contactId } : newContactNamed(plan.contact, input.newContactName),
        client: xero,
        memory: repos.xeroMemory,
        attempts: repos.attempts,
        isRecordedElsewhere: (documentId) => repos.ledger.isDocumentRecordedElsewhere(documentId, storeId, orderId),
        now: deps.now,
      }).catch((err: unknown) => {
        // The next plan reads the organisation again when Xero refused reference data the cache supplied.
        if (err instanceof XeroValidationError && namesReferenceData(err.messages)) orgContext.invalidate(storeId);
        throw err;
      });
      if (!equals(parseDecimal(created.total), parseDecimal(plan.expectedTotal))) {
        const message = `Xero ${plan.kind} ${created.number} totals ${created.total} but the order totals ${plan.expectedTotal}`;
        await repos.ledger.upsert({
          storeId,
          orderId,
          state: 'failed',
          documentKind: plan.kind,
          xeroDocumentId: created.documentId,
          xeroDocumentNumber: created.number,
          orderTotal: plan.expectedTotal,
          xeroTotal: created.total,
          lastError: message,
        });
        throw ApplicationFailure.nonRetryable(message, 'XeroTotalMismatch');
      }
      return created;
    },
  };
}

/** Fails the sync (MappingError) when another store of the same Xero organisation could claim this store's documents. */
async function refuseSharedIdentity(
  repos: Repositories,
  store: { id: string; url: string },
  settings: MappingSettings,
): Promise<void> {
  const conflict = await identityConflictOfStore(repos, store, settings);
  if (conflict) throw new MappingError(conflict.message);
}
