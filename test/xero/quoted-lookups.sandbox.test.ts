import type { XeroDocumentPlan } from '../../lib/mapping';
import { ensureItems } from '../../lib/xero/ensure-items';
import { findOrCreateContact } from '../../lib/xero/find-or-create-contact';
import { startSandboxDoor, type SandboxDoor } from './support/sandbox-harness';

let door: SandboxDoor;
beforeEach(async () => {
  door = await startSandboxDoor();
});
afterEach(() => door.close());

/** The contact plan of a customer, matched the default way (email, then name). */
function customer(name: string, email?: string): XeroDocumentPlan['contact'] {
  return {
    match: { ...(email ? { email } : {}), name, order: ['email', 'name'] },
    create: { Name: name, ...(email ? { EmailAddress: email } : {}) },
    disambiguatedName: `${name} (${email ?? 'WooCommerce order #1'})`,
  };
}

/** Every `where` the sandbox received: none may hold a quote inside a string literal. */
function wheresSent(): string[] {
  return door.sandbox.state
    .requests()
    .map((entry) => Object.entries(entry.query).find(([key]) => key.toLowerCase() === 'where')?.[1])
    .filter((where): where is string => where !== undefined);
}

describe('names and codes containing a double quote', () => {
  it('a customer named with a quote gets one contact; a later order finds the same one by name', async () => {
    const guest = customer('Bob "Bobby" Ltd');
    const first = await findOrCreateContact(door.client, door.storeId, guest);
    const second = await findOrCreateContact(door.client, door.storeId, guest);
    expect(second).toBe(first);
    expect(door.sandbox.state.contacts().filter((c) => c.Name === 'Bob "Bobby" Ltd')).toHaveLength(1);
    expect(wheresSent().some((where) => where.includes('Bobby'))).toBe(false);
  });

  it('matches the exact name only: a contact whose name merely contains it is someone else', async () => {
    const other = await door.client.createContact(door.storeId, { Name: 'Bob "Bobby" Ltd (Auckland)' });
    const id = await findOrCreateContact(door.client, door.storeId, customer('Bob "Bobby" Ltd'));
    expect(id).not.toBe(other.ContactID);
    expect(door.sandbox.state.contacts().map((c) => c.Name)).toEqual(
      expect.arrayContaining(['Bob "Bobby" Ltd', 'Bob "Bobby" Ltd (Auckland)']),
    );
  });

  it('keeps two people of the same quoted name apart by email', async () => {
    const bob = await findOrCreateContact(door.client, door.storeId, customer('Bob "Bobby" Ltd', 'bob@example.com'));
    const rob = await findOrCreateContact(door.client, door.storeId, customer('Bob "Bobby" Ltd', 'rob@example.com'));
    expect(rob).not.toBe(bob);
    expect(await findOrCreateContact(door.client, door.storeId, customer('Bob "Bobby" Ltd', 'bob@example.com'))).toBe(
      bob,
    );
    const names = door.sandbox.state.contacts().map((c) => c.Name);
    expect(names).toEqual(expect.arrayContaining(['Bob "Bobby" Ltd', 'Bob "Bobby" Ltd (rob@example.com)']));
  });

  it('creates a SKU with a quote once and finds it on the next order', async () => {
    const items = [
      { Code: 'PIPE-1/2"', Name: 'Half-inch pipe', IsSold: true },
      { Code: 'PIPE-3/4', Name: 'Three-quarter pipe', IsSold: true },
    ];
    expect(await ensureItems(door.client, door.storeId, items)).toEqual(['PIPE-1/2"', 'PIPE-3/4']);
    expect(await ensureItems(door.client, door.storeId, items)).toEqual([]);
    expect(door.sandbox.state.items().filter((item) => item.Code === 'PIPE-1/2"')).toHaveLength(1);
    expect((await door.client.getItemsByCode(door.storeId, ['pipe-1/2"'])).map((item) => item.Code)).toEqual([
      'PIPE-1/2"',
    ]);
    expect(wheresSent().some((where) => where.includes('PIPE-1/2'))).toBe(false);
  });

  it('finds an invoice by a Reference containing a quote (a merchant template like Order "{number}")', async () => {
    const contact = await door.client.createContact(door.storeId, { Name: 'Jane Buyer' });
    const invoice = {
      Type: 'ACCREC' as const,
      Contact: { ContactID: contact.ContactID },
      InvoiceNumber: 'WC-7',
      Date: '2024-01-31',
      LineAmountTypes: 'Exclusive' as const,
      LineItems: [{ Description: 'Pipe', Quantity: 1, UnitAmount: 5, AccountCode: '200', TaxType: 'OUTPUT2' }],
    };
    await door.client.createInvoice(door.storeId, { ...invoice, Reference: 'Order "7"' }, 'inv-7');
    await door.client.createInvoice(
      door.storeId,
      { ...invoice, InvoiceNumber: 'WC-77', Reference: 'Order "77"' },
      'inv-77',
    );
    const found = await door.client.findInvoices(door.storeId, { reference: 'Order "7"' });
    expect(found.map((i) => i.InvoiceNumber)).toEqual(['WC-7']);
    expect(wheresSent().some((where) => where.includes('Order'))).toBe(false);
  });
});
