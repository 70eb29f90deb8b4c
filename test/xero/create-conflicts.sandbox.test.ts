import type { XeroDocumentPlan } from '../../lib/mapping';
import type { XeroAccountingClient } from '../../lib/xero/accounting-client';
import { ensureItems } from '../../lib/xero/ensure-items';
import { findOrCreateContact } from '../../lib/xero/find-or-create-contact';
import { startSandboxDoor, type SandboxDoor } from './support/sandbox-harness';

let door: SandboxDoor;
beforeEach(async () => {
  door = await startSandboxDoor();
});
afterEach(() => door.close());

function anaSmith(email: string): XeroDocumentPlan['contact'] {
  return {
    match: { email, name: 'Ana Smith', order: ['email', 'name'] },
    create: { Name: 'Ana Smith', EmailAddress: email },
    disambiguatedName: `Ana Smith (${email})`,
  };
}

/**
 * The client as seen by an order whose lookups ran just before another order's create: the first `stale`
 * lookups answer "nothing there", and `race` runs (the other order's create) before the first write.
 */
function racingClient(race: () => Promise<unknown>, stale: number): XeroAccountingClient {
  let lookups = 0;
  let raced = false;
  const beforeWrite = async () => {
    if (!raced) await race();
    raced = true;
  };
  return {
    ...door.client,
    getContacts: async (storeId, query) => (lookups++ < stale ? [] : door.client.getContacts(storeId, query)),
    getItemsByCode: async (storeId, codes) => (lookups++ < stale ? [] : door.client.getItemsByCode(storeId, codes)),
    createContact: async (storeId, contact, key) => {
      await beforeWrite();
      return door.client.createContact(storeId, contact, key);
    },
    createItems: async (storeId, items, key) => {
      await beforeWrite();
      return door.client.createItems(storeId, items, key);
    },
    createItemsEach: async (storeId, items, key) => {
      await beforeWrite();
      return door.client.createItemsEach(storeId, items, key);
    },
  };
}

describe('creates refused because a concurrent sync took the name or code', () => {
  it('another person took the name meanwhile: looks again and creates the disambiguated contact', async () => {
    const client = racingClient(() => findOrCreateContact(door.client, door.storeId, anaSmith('ana.1@example.com')), 2);
    const id = await findOrCreateContact(client, door.storeId, anaSmith('ana.2@example.com'));
    const contacts = door.sandbox.state.contacts();
    expect(contacts.map((c) => c.Name).sort()).toEqual(['Ana Smith', 'Ana Smith (ana.2@example.com)']);
    expect(contacts.find((c) => c.ContactID === id)?.EmailAddress).toBe('ana.2@example.com');
  });

  it('the same person was created meanwhile by another of their orders: uses that contact', async () => {
    let otherId = '';
    const client = racingClient(async () => {
      otherId = await findOrCreateContact(door.client, door.storeId, {
        ...anaSmith('ana.3@example.com'),
        create: { Name: 'Ana Smith', EmailAddress: 'ana.3@example.com', FirstName: 'Ana' },
      });
    }, 2);
    const id = await findOrCreateContact(client, door.storeId, anaSmith('ana.3@example.com'));
    expect(id).toBe(otherId);
    expect(door.sandbox.state.contacts()).toHaveLength(1);
  });

  it('a code created meanwhile: the rest are created and the existing item is used', async () => {
    const item = (code: string, price: number) => ({ Code: code, Name: code, SalesDetails: { UnitPrice: price } });
    const client = racingClient(() => door.client.createItems(door.storeId, [item('SKU-A', 1)], 'other-order'), 1);
    await ensureItems(client, door.storeId, [item('SKU-A', 2), item('SKU-B', 2)]);
    const codes = door.sandbox.state.items().map((i) => i.Code);
    expect(codes.filter((c) => c === 'SKU-A')).toHaveLength(1);
    expect(codes.filter((c) => c === 'SKU-B')).toHaveLength(1);
  });
});
