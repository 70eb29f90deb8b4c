import type { XeroDocumentPlan } from '../../lib/mapping';
import { ensureItems } from '../../lib/xero/ensure-items';
import { findContact } from '../../lib/xero/find-contact';
import { customerKey, findOrCreateContact } from '../../lib/xero/find-or-create-contact';
import { itemCodeKey, type ContactMemory, type ItemMemory } from '../../lib/xero/memory-ports';
import { startSandboxDoor, type SandboxDoor } from './support/sandbox-harness';

let door: SandboxDoor;
beforeEach(async () => {
  door = await startSandboxDoor();
});
afterEach(() => door.close());

/** A customer matched the default way (email, then name). */
function customer(name: string, email: string, company?: string): XeroDocumentPlan['contact'] {
  return {
    match: { email, name, ...(company ? { company } : {}), order: ['email', 'name', 'company'] },
    create: { Name: company ?? name, EmailAddress: email },
    disambiguatedName: `${company ?? name} (${email})`,
  };
}

/** An in-memory ContactMemory and ItemMemory, as lib/db's repository behaves for one organisation. */
function memories(): ContactMemory & ItemMemory {
  const contacts = new Map<string, string>();
  const codes = new Set<string>();
  const claims = new Map<string, string>();
  return {
    recallContact: async (_store, key) => contacts.get(key) ?? null,
    rememberContact: async (_store, key, id) => void contacts.set(key, id),
    forgetContact: async (_store, id) => {
      for (const [key, value] of contacts) if (value === id) contacts.delete(key);
    },
    claimContactName: async (_store, name, claimant) =>
      (claims.get(name) ?? claims.set(name, claimant).get(name)) === claimant,
    knownItemCodes: async (_store, wanted) => new Set(wanted.map(itemCodeKey).filter((code) => codes.has(code))),
    rememberItemCodes: async (_store, list) => list.forEach((code) => codes.add(itemCodeKey(code))),
    forgetItemCodes: async (_store, list) => list.forEach((code) => codes.delete(itemCodeKey(code))),
  };
}

const calls = (path?: RegExp) => door.sandbox.state.requests(path).length;

describe('a new customer is looked up in one call', () => {
  it('asks for the email and every candidate name in one where joined with OR', async () => {
    door.sandbox.state.clearRequests();
    const found = await findContact(door.client, door.storeId, customer('Ana Smith', 'ana@example.com', 'Kete Ltd'));
    expect(found).toMatchObject({ kind: 'create', contact: { Name: 'Kete Ltd' } });
    const requests = door.sandbox.state.requests(/Contacts/);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.query.where).toBe(
      'EmailAddress=="ana@example.com" OR Name=="Ana Smith" OR Name=="Kete Ltd" OR Name=="Kete Ltd (ana@example.com)"',
    );
  });

  it('still decides as before: the email first, and a namesake with another email is another person', async () => {
    const other = await door.client.createContact(door.storeId, {
      Name: 'Ana Smith',
      EmailAddress: 'other@example.com',
    });
    expect(await findContact(door.client, door.storeId, customer('Ana Smith', 'ana@example.com'))).toMatchObject({
      kind: 'create',
      contact: { Name: 'Ana Smith (ana@example.com)' },
    });
    const ana = await door.client.createContact(door.storeId, { Name: 'A. Smith', EmailAddress: 'ANA@example.com' });
    expect(await findContact(door.client, door.storeId, customer('Ana Smith', 'ana@example.com'))).toEqual({
      kind: 'existing',
      contactId: ana.ContactID,
    });
    expect(await findContact(door.client, door.storeId, customer('Ana Smith', 'other@example.com'))).toEqual({
      kind: 'existing',
      contactId: other.ContactID,
    });
  });
});

describe('contacts remembered per store and organisation', () => {
  it('a repeat customer costs no call; a refused contact is forgotten and looked up again', async () => {
    const memory = memories();
    const ana = customer('Ana Smith', 'ana@example.com');
    const first = await findOrCreateContact(door.client, door.storeId, ana, memory);
    expect(await memory.recallContact(door.storeId, customerKey(ana))).toBe(first);
    door.sandbox.state.clearRequests();
    expect(await findOrCreateContact(door.client, door.storeId, ana, memory)).toBe(first);
    expect(calls()).toBe(0);
    await memory.forgetContact(door.storeId, first);
    expect(await findOrCreateContact(door.client, door.storeId, ana, memory)).toBe(first);
    expect(calls(/Contacts/)).toBe(1);
  });

  it('a customer whose details change is looked up again', () => {
    expect(customerKey(customer('Ana Smith', 'ana@example.com'))).toBe(
      customerKey(customer('ANA SMITH', 'ANA@example.com')),
    );
    expect(customerKey(customer('Ana Smith', 'ana@example.com'))).not.toBe(
      customerKey(customer('Ana Smith', 'ana.new@example.com')),
    );
  });
});

describe('item codes remembered per organisation', () => {
  const item = (code: string) => ({ Code: code, Name: `Item ${code}`, SalesDetails: { UnitPrice: 10 } });

  it('finds and creates the missing codes in one call, never changes an existing item, then costs nothing', async () => {
    await door.client.createItems(door.storeId, [
      { Code: 'OLD-1', Name: 'Merchant item', SalesDetails: { UnitPrice: 99 } },
    ]);
    const memory = memories();
    door.sandbox.state.clearRequests();
    expect(await ensureItems(door.client, door.storeId, [item('NEW-1'), item('old-1'), item('NEW-2')], memory)).toEqual(
      ['NEW-1', 'NEW-2'],
    );
    expect(calls()).toBe(1);
    const old = door.sandbox.state.items().filter((i) => String(i.Code).toUpperCase() === 'OLD-1');
    expect(old).toHaveLength(1);
    expect(old[0]).toMatchObject({ Name: 'Merchant item', SalesDetails: { UnitPrice: 99 } });
    door.sandbox.state.clearRequests();
    expect(await ensureItems(door.client, door.storeId, [item('NEW-2'), item('OLD-1')], memory)).toEqual([]);
    expect(calls()).toBe(0);
  });

  it('reports a refusal that is not about an existing code', async () => {
    const memory = memories();
    const bad = { Code: 'BAD-1', Name: 'Bad', SalesDetails: { UnitPrice: 1, AccountCode: '999' } };
    await expect(ensureItems(door.client, door.storeId, [item('GOOD-1'), bad], memory)).rejects.toThrow(/999/);
    expect([...(await memory.knownItemCodes(door.storeId, ['GOOD-1', 'BAD-1']))]).toEqual(['GOOD-1']);
  });
});
