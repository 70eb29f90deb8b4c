import { createPlannedDocument } from '../../lib/sync/create-planned-document';
import type { PlannedOrder } from '../../lib/sync/plan-order';
import { XeroDocumentNumberTakenError } from '../../lib/xero/errors';
import { MemoryAttemptStore } from '../xero/support/memory-stores';
import { startSandboxDoor, type SandboxDoor } from '../xero/support/sandbox-harness';

describe('creating the planned document when its number is taken by another Xero document', () => {
  let door: SandboxDoor;

  beforeAll(async () => {
    door = await startSandboxDoor();
  }, 60_000);
  afterAll(() => door?.close());

  /** A one-line, untaxed invoice plan for a WooCommerce order numbered `orderNumber` (numbered WC-{orderNumber}). */
  function planFor(orderNumber: string, onDuplicateNumber: 'fail' | 'suffix'): PlannedOrder {
    const identity = { invoiceNumber: `WC-${orderNumber}`, reference: `WooCommerce order #${orderNumber}` };
    return {
      kind: 'invoice',
      contact: { match: { name: 'unused', order: ['email'] }, create: { Name: 'unused' }, disambiguatedName: 'unused' },
      items: [],
      document: {
        Type: 'ACCREC',
        InvoiceNumber: identity.invoiceNumber,
        Reference: identity.reference,
        Date: '2026-11-30',
        DueDate: '2026-11-30',
        Status: 'AUTHORISED',
        LineAmountTypes: 'Exclusive',
        CurrencyCode: 'NZD',
        LineItems: [{ Description: 'Kete', Quantity: 2, UnitAmount: 12.5, AccountCode: '200', TaxType: 'NONE' }],
      },
      identity,
      expectedTotal: '25.00',
      computed: { subTotal: '25.00', totalTax: '0.00', total: '25.00', roundingAdjustment: '0.00' },
      warnings: [],
      settingsVersion: 1,
      onDuplicateNumber,
    };
  }

  async function newContact(name: string): Promise<string> {
    return String((await door.client.createContact(door.storeId, { Name: name })).ContactID);
  }

  async function takeNumber(number: string): Promise<string> {
    const contactId = await newContact(`Walk-in customer ${number}`);
    const taken = await door.client.createInvoice(
      door.storeId,
      {
        Type: 'ACCREC',
        InvoiceNumber: number,
        Reference: 'Entered by hand in Xero',
        Contact: { ContactID: contactId },
        LineItems: [{ Description: 'Consulting', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'NONE' }],
      },
      `manual-${number}`,
    );
    return String(taken.InvoiceID);
  }

  it('fails with a clear message under the default setting ("fail")', async () => {
    await takeNumber('WC-7001');
    const plan = planFor('7001', 'fail');
    const attempts = new MemoryAttemptStore();
    const create = createPlannedDocument({
      storeId: door.storeId,
      orderId: 7001,
      plan,
      contact: { ContactID: await newContact('Order 7001 customer') },
      client: door.client,
      attempts,
    });
    await expect(create).rejects.toThrow(XeroDocumentNumberTakenError);
    await expect(create).rejects.toThrow(/WC-7001 is already used by another Xero document/);
  });

  it('moves on to WC-7002-2 with "suffix", and a retry adopts that document instead of creating another', async () => {
    await takeNumber('WC-7002');
    const plan = planFor('7002', 'suffix');
    const attempts = new MemoryAttemptStore();
    const input = {
      storeId: door.storeId,
      orderId: 7002,
      plan,
      contact: { ContactID: await newContact('Order 7002 customer') },
      client: door.client,
      attempts,
    };
    const first = await createPlannedDocument(input);
    expect(first).toMatchObject({ number: 'WC-7002-2', adopted: false, total: plan.expectedTotal });

    const again = await createPlannedDocument(input);
    expect(again).toMatchObject({ number: 'WC-7002-2', adopted: true, documentId: first.documentId });
    const ours = door.sandbox.state.invoices().filter((invoice) => invoice.Reference === plan.identity.reference);
    expect(ours).toHaveLength(1);
  });

  it('never adopts a document that the ledger records for another order (another store numbering alike)', async () => {
    const plan = planFor('7003', 'fail');
    const storeA = { storeId: door.storeId, orderId: 7003, plan, client: door.client };
    const booked = await createPlannedDocument({
      ...storeA,
      contact: { ContactID: await newContact('Store A customer 7003') },
      attempts: new MemoryAttemptStore(),
    });
    // Store B's order 7003 plans the very same identity; Xero says the number is taken and the lookup finds A's.
    const recordedFor = new Map([[booked.documentId, 'store A order 7003']]);
    const storeB = createPlannedDocument({
      ...storeA,
      orderId: 7003,
      contact: { ContactID: await newContact('Store B customer 7003') },
      attempts: new MemoryAttemptStore(),
      isRecordedElsewhere: (documentId) => Promise.resolve(recordedFor.has(documentId)),
    });
    await expect(storeB).rejects.toThrow(XeroDocumentNumberTakenError);
    await expect(storeB).rejects.toThrow(/ledger records it for another order/);
    expect(door.sandbox.state.invoices().filter((invoice) => invoice.InvoiceNumber === 'WC-7003')).toHaveLength(1);
  });
});
