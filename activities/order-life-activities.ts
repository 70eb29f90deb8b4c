import type { Repositories } from '../lib/db/repositories';
import { estimatedDocument, heldInvoice, heldQuote, justCreatedInvoice } from '../lib/lifecycle/held-document';
import type { HeldDocument, OrderChangePlan } from '../lib/lifecycle/order-changes';
import { orderContentDigest } from '../lib/lifecycle/order-digest';
import { hasRecordedExchangeRate } from '../lib/lifecycle/order-payment';
import { currentDocumentEffects, endedBySync } from '../lib/lifecycle/plan-document-changes';
import { planOrderChanges } from '../lib/lifecycle/plan-order-changes';
import { parseDecimal, toFixed } from '../lib/mapping/decimal';
import type { MappingContext } from '../lib/mapping/types';
import { applyOrderChange } from '../lib/sync/apply-order-change';
import { isRebooking } from '../lib/sync/apply-rebooking';
import { readsProductCategories } from '../lib/sync/plan-order';
import { pinnedCurrentSettings } from '../lib/sync/store-settings';
import type { WooClientFactory } from '../lib/woocommerce';
import { readProductCategories } from '../lib/woocommerce/product-categories';
import type { WooRefund } from '../lib/woocommerce/refund-schema';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import type { OrgContextCache } from '../lib/xero/org-context-cache';
import { recordRebooked, remapOrder } from './order-rebooking';
import type { SyncActivities } from './types';
import { wooClientForStore } from './woo-activities';

/** What the order-life activities need. */
export interface OrderLifeActivityDeps {
  repos: Repositories;
  xero: XeroAccountingClient;
  createWooClient: WooClientFactory;
  orgContext: OrgContextCache;
  now: () => Date;
}

/** The activities that follow a booked order through its life: look at it, then apply each change once. */
export function createOrderLifeActivities(
  deps: OrderLifeActivityDeps,
): Pick<SyncActivities, 'planOrderLife' | 'applyOrderChange'> {
  const { repos, xero } = deps;
  return {
    async planOrderLife({ storeId, orderId, justCreated }) {
      const entry = await repos.ledger.get(storeId, orderId);
      if (!entry?.xeroDocumentId || !entry.documentKind) {
        return { changes: [], state: 'synced', differences: ['The order has no Xero document yet.'] };
      }
      const number = entry.xeroDocumentNumber ?? '';
      const woo = await wooClientForStore(repos.stores, deps.createWooClient, storeId);
      const order = await woo.client.findOrder(orderId);
      const refunds: WooRefund[] = order && order.refunds.length > 0 ? await woo.client.listOrderRefunds(orderId) : [];
      const settings = await pinnedCurrentSettings(repos.settings, storeId);
      const applied = await repos.ledgerEffects.list(storeId, orderId);
      const ctx: MappingContext = { storeId, storeUrl: woo.url, org: { taxRates: [], baseCurrency: '' } };
      if (refunds.length > 0 || (order && hasRecordedExchangeRate(order, settings.settings))) {
        ctx.org = await deps.orgContext(storeId);
      }
      if (refunds.length > 0 && readsProductCategories(settings)) {
        ctx.productCategories = await readProductCategories(
          woo.client,
          refunds.flatMap((refund) => refund.line_items),
        );
      }
      const digest = order ? orderContentDigest(order) : null;
      // The order is mapped again only when its document may have to follow it: edited, restored, or a quote.
      const mayRebook =
        order !== null &&
        !justCreated &&
        (entry.documentKind === 'quote' ||
          digest !== entry.orderDigest ||
          endedBySync(entry.xeroDocumentId, currentDocumentEffects(applied)));
      const remapped =
        mayRebook && order
          ? await remapOrder({
              store: { id: storeId, url: woo.url },
              order,
              settings,
              orgContext: deps.orgContext,
              woo: woo.client,
            })
          : undefined;
      const planWith = (held: HeldDocument): OrderChangePlan =>
        planOrderChanges({
          order,
          refunds,
          settings: settings.settings,
          ctx,
          held,
          applied,
          remapped,
          bookedDigest: entry.orderDigest,
        });
      const recorded = {
        kind: entry.documentKind,
        documentId: entry.xeroDocumentId,
        number,
        total: entry.xeroTotal ?? entry.orderTotal ?? '0',
        currency: entry.currency ?? '',
      };
      // What the ledger knows decides whether anything is due; a change is planned on what Xero holds now (a quote
      // is read only when its order now maps to an invoice).
      let held = justCreated
        ? justCreatedInvoice(justCreated)
        : estimatedDocument(recorded, currentDocumentEffects(applied));
      if (!justCreated && planWith(held).changes.length > 0) {
        if (recorded.kind === 'invoice')
          held = heldInvoice(await xero.getInvoice(storeId, recorded.documentId), number);
        else {
          const [quote] = await xero.findQuotes(storeId, { quoteNumber: number });
          if (quote) held = heldQuote(quote, number);
        }
      }
      const plan = planWith(held);
      // The first look after booking (or at a legacy entry that still matches) records what the document bills.
      const baseline =
        entry.orderDigest === null && order !== null && toFixed(parseDecimal(order.total), 2) === held.total;
      await repos.ledger.upsert({
        storeId,
        orderId,
        ...(plan.changes.length === 0 ? { state: plan.state } : {}),
        ...(baseline && digest ? { orderDigest: digest } : {}),
        difference: plan.differences.length > 0 ? plan.differences.join(' ') : null,
      });
      return plan;
    },

    async applyOrderChange({ storeId, orderId, change }) {
      const applied = await applyOrderChange({
        storeId,
        orderId,
        change,
        client: xero,
        attempts: repos.attempts,
        memory: repos.xeroMemory,
        isRecordedElsewhere: (documentId) => repos.ledger.isDocumentRecordedElsewhere(documentId, storeId, orderId),
        now: deps.now,
      });
      const entry = await repos.ledger.get(storeId, orderId);
      await repos.ledgerEffects.record({ storeId, orderId, ...applied, currency: entry?.currency ?? null });
      if (isRebooking(change)) await recordRebooked(repos, { storeId, orderId }, change, applied);
      return applied;
    },
  };
}
