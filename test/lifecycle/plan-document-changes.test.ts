import type { RemappedOrder } from '../../lib/lifecycle/order-changes';
import { orderContentDigest } from '../../lib/lifecycle/order-digest';
import { planOrderChanges, type OrderChangeInput } from '../../lib/lifecycle/plan-order-changes';
import { mapOrderToXero } from '../../lib/mapping';
import type { MappingSettings } from '../../lib/mapping/settings';
import type { WooOrder } from '../../lib/woocommerce/order-schema';
import { handBuiltOrder, mappingContext } from '../mapping/fixtures';
import { appliedEffect, changeInput, gstSettings, heldInvoice } from './fixtures';

const booked = handBuiltOrder();
const bookedDigest = orderContentDigest(booked);

/** The hand-built order with one more Mug: 2 → 3 Mugs at 18.00 + 1.80 GST each. */
function editedOrder(): WooOrder {
  const order = handBuiltOrder();
  const [mug] = order.line_items;
  if (!mug) throw new Error('the hand-built order has a mug line');
  Object.assign(mug, { quantity: 3, subtotal: '54.00', subtotal_tax: '5.40', total: '54.00', total_tax: '5.40' });
  mug.taxes = [{ id: 1, total: '5.4', subtotal: '5.4' }];
  return { ...order, total: '90.75', total_tax: '7.35' };
}

/** The order mapped again, as the activity hands it to the planner. */
function remap(order: WooOrder, settings: MappingSettings = gstSettings()): RemappedOrder {
  const {
    contact: _contact,
    computed: _computed,
    warnings: _warnings,
    ...document
  } = mapOrderToXero(order, settings, mappingContext());
  return {
    document: { ...document, settingsVersion: 1, onDuplicateNumber: 'fail' },
    digest: orderContentDigest(order),
  };
}

const plan = (overrides: Partial<OrderChangeInput>) => planOrderChanges(changeInput({ bookedDigest, ...overrides }));
const effect = appliedEffect;

describe('the order’s document follows edits, restores and a quote becoming an invoice', () => {
  it('an unedited order (same content digest) needs no change to its document', () => {
    expect(plan({ remapped: remap(booked) })).toEqual({ changes: [], state: 'synced', differences: [] });
  });

  it('an edit of a draft updates it in place, keeping its number, contact and status', () => {
    const order = editedOrder();
    const result = plan({ order, remapped: remap(order), held: heldInvoice({ status: 'DRAFT' }) });
    expect(result.changes).toMatchObject([
      {
        kind: 'update',
        documentId: 'inv-1',
        number: 'WC-5001',
        status: 'DRAFT',
        contactId: 'contact-1',
        digest: orderContentDigest(order),
        document: { expectedTotal: '90.75' },
      },
    ]);
    expect(result.changes[0]?.effectId).toBe(`update:inv-1:${orderContentDigest(order)}`);
    // Payments wait for the edit: the next look plans them against the new total.
    expect(
      plan({ order: { ...order, date_paid: '2024-02-01T09:00:00' }, remapped: remap(order) }).changes,
    ).toMatchObject([{ kind: 'update' }]);
  });

  it('an approved unpaid invoice is updated by default, or voided and then reissued under the next number', () => {
    const order = editedOrder();
    expect(plan({ order, remapped: remap(order) }).changes).toMatchObject([{ kind: 'update', status: 'AUTHORISED' }]);
    const settings = gstSettings();
    settings.lifecycle.approvedEdits = 'void-and-reissue';
    expect(plan({ order, settings, remapped: remap(order, settings) }).changes).toEqual([
      { kind: 'void', effectId: 'void:inv-1', documentId: 'inv-1', documentKind: 'invoice' },
    ]);
    const voided = [effect({ effectId: 'void:inv-1', kind: 'void', xeroId: 'inv-1' })];
    const next = plan({
      order,
      settings,
      remapped: remap(order, settings),
      held: heldInvoice({ status: 'VOIDED' }),
      applied: voided,
    });
    expect(next.changes).toMatchObject([
      {
        kind: 'reissue',
        effectId: 'reissue:2',
        replaces: 'inv-1',
        number: 'WC-5001-2',
        contactId: 'contact-1',
        document: { expectedTotal: '90.75', onDuplicateNumber: 'suffix' },
      },
    ]);
  });

  it('a paid or credited invoice is never edited: the edit is reported', () => {
    const order = editedOrder();
    for (const held of [
      heldInvoice({ status: 'PAID', amountDue: '0.00', amountPaid: '70.95' }),
      heldInvoice({ amountDue: '50.95', amountCredited: '20.00' }),
    ]) {
      const result = plan({ order, remapped: remap(order), held });
      expect(result.changes).toEqual([]);
      expect(result.differences).toEqual([
        'The order was edited (its total is now 90.75) but invoice WC-5001 has payments or credits, so Xero does ' +
          'not allow editing it; it stays as booked.',
      ]);
    }
  });

  it('an order booked before digests were kept shows an edit by its changed total', () => {
    const order = editedOrder();
    expect(plan({ order, remapped: remap(order), bookedDigest: null }).changes).toMatchObject([{ kind: 'update' }]);
    expect(plan({ remapped: remap(booked), bookedDigest: null }).changes).toEqual([]);
  });

  it('an edit that no longer maps is reported with the mapping’s reason', () => {
    const order = editedOrder();
    const result = plan({
      order,
      remapped: { error: 'no Xero tax type for rate 9', digest: orderContentDigest(order) },
    });
    expect(result.changes).toEqual([]);
    expect(result.differences).toEqual([
      'The order was edited (its total is now 90.75) but cannot be mapped again: no Xero tax type for rate 9',
    ]);
  });

  it('a restored order gets a new invoice when the sync voided the old one; one voided by hand is reported', () => {
    const held = heldInvoice({ status: 'VOIDED' });
    const applied = [effect({ effectId: 'void:inv-1', kind: 'void', xeroId: 'inv-1' })];
    expect(plan({ held, applied, remapped: remap(booked) }).changes).toMatchObject([
      { kind: 'reissue', effectId: 'reissue:2', number: 'WC-5001-2', document: { expectedTotal: '70.95' } },
    ]);
    const byHand = plan({ held, remapped: remap(booked) });
    expect(byHand.changes).toEqual([]);
    expect(byHand.differences).toEqual(['Invoice WC-5001 is voided in Xero, but the order is processing.']);
  });

  it('a reissued invoice is voided again on a second trash and reissued under the number after', () => {
    const history = [
      effect({ effectId: 'void:inv-1', kind: 'void', xeroId: 'inv-1' }),
      effect({ effectId: 'reissue:2', kind: 'reissue', xeroId: 'inv-2', xeroNumber: 'WC-5001-2', amount: '70.95' }),
    ];
    const current = heldInvoice({ documentId: 'inv-2', number: 'WC-5001-2' });
    expect(plan({ order: { ...booked, status: 'trash' }, held: current, applied: history }).changes).toEqual([
      { kind: 'void', effectId: 'void:inv-2', documentId: 'inv-2', documentKind: 'invoice' },
    ]);
    const voidedAgain = [...history, effect({ effectId: 'void:inv-2', kind: 'void', xeroId: 'inv-2' })];
    expect(
      plan({ held: { ...current, status: 'VOIDED' }, applied: voidedAgain, remapped: remap(booked) }).changes,
    ).toMatchObject([{ kind: 'reissue', effectId: 'reissue:3', number: 'WC-5001-3', replaces: 'inv-2' }]);
  });

  it('a quote whose order now maps to an invoice is invoiced; one that still maps to a quote is left alone', () => {
    const quote = heldInvoice({ kind: 'quote', documentId: 'quote-1', number: 'QU-5001', status: 'SENT' });
    expect(plan({ held: quote, remapped: remap(booked) }).changes).toMatchObject([
      {
        kind: 'quote-to-invoice',
        effectId: 'quote-to-invoice:quote-1',
        quoteId: 'quote-1',
        quoteNumber: 'QU-5001',
        contactId: 'contact-1',
        document: { kind: 'invoice', expectedTotal: '70.95' },
      },
    ]);
    const quoting = gstSettings();
    quoting.documentRules = [{ statuses: [], paymentMethods: [], documentType: 'quote' }];
    expect(plan({ held: quote, remapped: remap(booked, quoting), settings: quoting }).changes).toEqual([]);
    expect(plan({ order: { ...booked, status: 'cancelled' }, held: quote }).differences).toEqual([
      'The order is cancelled or deleted; its Xero quote is left as it is.',
    ]);
  });
});
