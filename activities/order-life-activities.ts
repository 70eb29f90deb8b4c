import type { Repositories } from '../lib/db/repositories';
import type { HeldDocument, OrderChangePlan } from '../lib/lifecycle/order-changes';
import { planOrderChanges } from '../lib/lifecycle/plan-order-changes';
import { decimalFromNumber, toFixed } from '../lib/mapping/decimal';
import type { MappingContext } from '../lib/mapping/types';
import { applyOrderChange } from '../lib/sync/apply-order-change';
import { readsProductCategories } from '../lib/sync/plan-order';
import { pinnedCurrentSettings } from '../lib/sync/store-settings';
import type { WooClientFactory } from '../lib/woocommerce';
import { readProductCategories } from '../lib/woocommerce/product-categories';
import type { WooRefund } from '../lib/woocommerce/refund-schema';
import type { XeroAccountingClient } from '../lib/xero/accounting-client';
import type { OrgContextCache } from '../lib/xero/org-context-cache';
import type { WireInvoice } from '../lib/xero/wire-types';
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

const money = (value: number | undefined): string => toFixed(decimalFromNumber(value ?? 0), 2);

/** What Xero holds for the invoice now, in the planner's terms. */
function heldInvoice(invoice: WireInvoice, number: string): HeldDocument {
  return {
    kind: 'invoice',
    documentId: invoice.InvoiceID ?? '',
    number: invoice.InvoiceNumber ?? number,
    status: invoice.Status ?? '',
    contactId: invoice.Contact?.ContactID ?? '',
    currency: invoice.CurrencyCode ?? '',
    total: money(invoice.Total),
    amountDue: money(invoice.AmountDue),
    amountPaid: money(invoice.AmountPaid),
    amountCredited: money(invoice.AmountCredited),
  };
}

/** The activities that follow a booked order through its life: look at it, then apply each change once. */
export function createOrderLifeActivities(
  deps: OrderLifeActivityDeps,
): Pick<SyncActivities, 'planOrderLife' | 'applyOrderChange'> {
  const { repos, xero } = deps;
  return {
    async planOrderLife({ storeId, orderId }) {
      const entry = await repos.ledger.get(storeId, orderId);
      if (!entry?.xeroDocumentId || !entry.documentKind) {
        return { changes: [], state: 'synced', differences: ['The order has no Xero document yet.'] };
      }
      const number = entry.xeroDocumentNumber ?? '';
      const woo = await wooClientForStore(repos, deps.createWooClient, storeId);
      const order = await woo.client.findOrder(orderId);
      const refunds: WooRefund[] = order && order.refunds.length > 0 ? await woo.client.listOrderRefunds(orderId) : [];
      const settings = await pinnedCurrentSettings(repos.settings, storeId);
      // A quote holds no money: no Xero call is needed to know that nothing follows.
      const held: HeldDocument =
        entry.documentKind === 'invoice'
          ? heldInvoice(await xero.getInvoice(storeId, entry.xeroDocumentId), number)
          : { ...quoteHeld(entry.xeroDocumentId, number, entry.currency ?? '') };
      const ctx: MappingContext = { storeId, storeUrl: woo.url, org: { taxRates: [], baseCurrency: held.currency } };
      if (refunds.length > 0) {
        ctx.org = await deps.orgContext(storeId);
        if (readsProductCategories(settings)) {
          ctx.productCategories = await readProductCategories(
            woo.client,
            refunds.flatMap((refund) => refund.line_items),
          );
        }
      }
      const plan: OrderChangePlan = planOrderChanges({
        order,
        refunds,
        settings: settings.settings,
        ctx,
        held,
        applied: await repos.ledgerEffects.list(storeId, orderId),
      });
      await repos.ledger.upsert({
        storeId,
        orderId,
        ...(plan.changes.length === 0 ? { state: plan.state } : {}),
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
        now: deps.now,
      });
      const entry = await repos.ledger.get(storeId, orderId);
      await repos.ledgerEffects.record({ storeId, orderId, ...applied, currency: entry?.currency ?? null });
      return applied;
    },
  };
}

function quoteHeld(documentId: string, number: string, currency: string): HeldDocument {
  const zero = '0.00';
  return {
    kind: 'quote',
    documentId,
    number,
    status: '',
    contactId: '',
    currency,
    total: zero,
    amountDue: zero,
    amountPaid: zero,
    amountCredited: zero,
  };
}
