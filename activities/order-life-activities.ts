import type { LedgerEffect, LedgerEntry, Repositories } from '../lib/db/repositories';
import type { HeldDocument, OrderChangePlan } from '../lib/lifecycle/order-changes';
import { orderContentDigest } from '../lib/lifecycle/order-digest';
import { hasRecordedExchangeRate } from '../lib/lifecycle/order-payment';
import { currentDocumentEffects, endedBySync } from '../lib/lifecycle/plan-document-changes';
import { planOrderChanges } from '../lib/lifecycle/plan-order-changes';
import { decimalFromNumber, parseDecimal, subtract, sum, toFixed } from '../lib/mapping/decimal';
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
import { heldQuote, isRebooking, recordRebooked, remapOrder } from './order-rebooking';
import type { JustCreatedDocument, SyncActivities } from './types';
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
    async planOrderLife({ storeId, orderId, justCreated }) {
      const entry = await repos.ledger.get(storeId, orderId);
      if (!entry?.xeroDocumentId || !entry.documentKind) {
        return { changes: [], state: 'synced', differences: ['The order has no Xero document yet.'] };
      }
      const number = entry.xeroDocumentNumber ?? '';
      const woo = await wooClientForStore(repos, deps.createWooClient, storeId);
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
      let held: HeldDocument;
      if (entry.documentKind === 'quote') {
        // A quote holds no money: it is read only when the order now maps to an invoice.
        held = quoteHeld(entry.xeroDocumentId, number, entry.currency ?? '', entry.xeroTotal);
        if (planWith(held).changes.length > 0) {
          const [quote] = await xero.findQuotes(storeId, { quoteNumber: number });
          if (quote) held = heldQuote(quote, number);
        }
      } else if (justCreated) {
        held = createdInvoice(justCreated);
      } else {
        // What the ledger knows decides whether anything is due; a change is planned on what Xero holds now.
        held = estimatedInvoice(entry, currentDocumentEffects(applied));
        if (planWith(held).changes.length > 0)
          held = heldInvoice(await xero.getInvoice(storeId, entry.xeroDocumentId), number);
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

/** The invoice as Xero answered its create moments ago: nothing paid or credited yet. */
function createdInvoice(created: JustCreatedDocument): HeldDocument {
  const total = toFixed(parseDecimal(created.total), 2);
  return {
    kind: 'invoice',
    documentId: created.documentId,
    number: created.number,
    status: created.status,
    contactId: created.contactId,
    currency: created.currencyCode,
    total,
    amountDue: total,
    amountPaid: '0.00',
    amountCredited: '0.00',
  };
}

/** The invoice as the ledger's own record implies: approved, less the payments and allocations this sync applied. */
function estimatedInvoice(entry: LedgerEntry, applied: readonly LedgerEffect[]): HeldDocument {
  const amountOf = (kind: LedgerEffect['kind']) =>
    sum(applied.filter((effect) => effect.kind === kind).map((effect) => parseDecimal(effect.amount ?? '0')));
  const total = parseDecimal(entry.xeroTotal ?? entry.orderTotal ?? '0');
  const paid = amountOf('payment');
  // An allocation taken back (its refund deleted, or the order cancelled unpaid) no longer credits the invoice.
  const undone = new Set(
    applied
      .filter((effect) => effect.kind === 'unallocate')
      .map((effect) => effect.effectId.replace(/^unallocate:/, 'allocation:')),
  );
  const credited = sum(
    applied
      .filter((effect) => effect.kind === 'allocation' && !undone.has(effect.effectId))
      .map((effect) => parseDecimal(effect.amount ?? '0')),
  );
  const ended = applied.find((effect) => effect.kind === 'void' || effect.kind === 'delete');
  return {
    kind: 'invoice',
    documentId: entry.xeroDocumentId ?? '',
    number: entry.xeroDocumentNumber ?? '',
    status: ended ? (ended.kind === 'void' ? 'VOIDED' : 'DELETED') : 'AUTHORISED',
    contactId: '',
    currency: entry.currency ?? '',
    total: toFixed(total, 2),
    amountDue: toFixed(subtract(subtract(total, paid), credited), 2),
    amountPaid: toFixed(paid, 2),
    amountCredited: toFixed(credited, 2),
  };
}

function quoteHeld(documentId: string, number: string, currency: string, total: string | null): HeldDocument {
  const zero = '0.00';
  return {
    kind: 'quote',
    documentId,
    number,
    status: '',
    contactId: '',
    currency,
    total: toFixed(parseDecimal(total ?? zero), 2),
    amountDue: zero,
    amountPaid: zero,
    amountCredited: zero,
  };
}
