import { startHarness, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.sandbox.close());

const acme = {
  Name: 'Acme Widgets Ltd',
  ContactNumber: 'CUST-0001',
  FirstName: 'Jane',
  LastName: 'Doe',
  EmailAddress: 'ap@acme.example',
  Addresses: [
    {
      AddressType: 'POBOX',
      AddressLine1: 'PO Box 123',
      City: 'Wellington',
      PostalCode: '6011',
      Country: 'New Zealand',
    },
  ],
  Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '555-1234', PhoneAreaCode: '04' }],
};

describe('Contacts', () => {
  it('creates a contact with both address and all four phone slots', async () => {
    const res = await h.call('PUT', '/Contacts?summarizeErrors=true', { Contacts: [acme] });
    expect(res.status).toBe(200);
    const c = res.json.Contacts[0];
    expect(c).toMatchObject({
      Name: 'Acme Widgets Ltd',
      ContactStatus: 'ACTIVE',
      ContactNumber: 'CUST-0001',
      HasValidationErrors: false,
      IsCustomer: false,
    });
    expect(c.Addresses.map((a: { AddressType: string }) => a.AddressType)).toEqual(['STREET', 'POBOX']);
    expect(c.Addresses[1]).toMatchObject({ AddressLine1: 'PO Box 123', City: 'Wellington', Region: '' });
    expect(c.Phones.map((p: { PhoneType: string }) => p.PhoneType)).toEqual(['DEFAULT', 'DDI', 'FAX', 'MOBILE']);
    expect(c.Phones[0]).toMatchObject({ PhoneNumber: '555-1234', PhoneAreaCode: '04', PhoneCountryCode: '' });
    expect(c.UpdatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
  });

  it('rejects a duplicate ACTIVE name with the exact Xero message and a zero-GUID echo', async () => {
    await h.call('PUT', '/Contacts', { Contacts: [acme] });
    const res = await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'acme widgets ltd' }] });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(res.json.Elements[0]).toMatchObject({
      ContactID: '00000000-0000-0000-0000-000000000000',
      HasValidationErrors: true,
      ValidationErrors: [
        {
          Message:
            'The contact name acme widgets ltd is already assigned to another contact. The contact name must be unique across all active contacts.',
        },
      ],
    });
    expect(h.sandbox.state.contacts()).toHaveLength(1);
  });

  it('allows reusing the name of an ARCHIVED contact; archived contacts cannot be edited', async () => {
    const created = await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'Old Co' }] });
    const id = created.json.Contacts[0].ContactID;
    const archived = await h.call('POST', `/Contacts/${id}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] });
    expect(archived.json.Contacts[0].ContactStatus).toBe('ARCHIVED');
    expect((await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'Old Co' }] })).status).toBe(200);
    const edit = await h.call('POST', `/Contacts/${id}`, { Contacts: [{ EmailAddress: 'x@y.z' }] });
    expect(edit.status).toBe(400);
    expect(edit.json.Elements[0].ValidationErrors[0].Message).toMatch(/archived contact/);
  });

  it('updates with POST /Contacts/{id} and keeps unchanged fields', async () => {
    const id = (await h.call('PUT', '/Contacts', { Contacts: [acme] })).json.Contacts[0].ContactID;
    const res = await h.call('POST', `/Contacts/${id}`, { Contacts: [{ EmailAddress: 'new@acme.example' }] });
    expect(res.json.Contacts[0]).toMatchObject({
      ContactID: id,
      Name: 'Acme Widgets Ltd',
      EmailAddress: 'new@acme.example',
      FirstName: 'Jane',
    });
  });

  it('filters by where (==, case-insensitive), IDs, searchTerm and includeArchived; pages with pageSize', async () => {
    await h.call('PUT', '/Contacts', {
      Contacts: [acme, { Name: 'Beta Ltd', EmailAddress: 'b@beta.example' }, { Name: 'Gamma' }],
    });
    const all = h.sandbox.state.contacts();
    const gamma = all.find((c) => c.Name === 'Gamma')!;
    await h.call('POST', `/Contacts/${gamma.ContactID}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] });
    const names = (res: { json: { Contacts: Array<{ Name: string }> } }) => res.json.Contacts.map((c) => c.Name);

    expect(names(await h.call('GET', `/Contacts?where=${encodeURIComponent('Name=="ACME WIDGETS LTD"')}`))).toEqual([
      'Acme Widgets Ltd',
    ]);
    expect(
      names(await h.call('GET', `/Contacts?where=${encodeURIComponent('EmailAddress=="b@beta.example"')}`)),
    ).toEqual(['Beta Ltd']);
    expect(names(await h.call('GET', `/Contacts?where=${encodeURIComponent('ContactNumber=="CUST-0001"')}`))).toEqual([
      'Acme Widgets Ltd',
    ]);
    expect(names(await h.call('GET', '/Contacts'))).toEqual(['Acme Widgets Ltd', 'Beta Ltd']);
    expect(names(await h.call('GET', '/Contacts?includeArchived=true'))).toHaveLength(3);
    expect(
      names(
        await h.call('GET', `/Contacts?where=${encodeURIComponent('ContactStatus=="ARCHIVED"')}&includeArchived=true`),
      ),
    ).toEqual(['Gamma']);
    expect(names(await h.call('GET', '/Contacts?searchTerm=BETA'))).toEqual(['Beta Ltd']);
    const acmeId = all.find((c) => c.Name === 'Acme Widgets Ltd')!.ContactID;
    expect(names(await h.call('GET', `/Contacts?IDs=${acmeId},00000000-0000-0000-0000-000000000001`))).toEqual([
      'Acme Widgets Ltd',
    ]);
    const page2 = await h.call('GET', '/Contacts?page=2&pageSize=1');
    expect(names(page2)).toEqual(['Beta Ltd']);
    expect(page2.json.pagination).toEqual({ page: 2, pageSize: 1, pageCount: 2, itemCount: 2 });
  });

  it('a quote in a where string literal cannot be escaped: \\" is a 400 QueryParseException', async () => {
    await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'Bob "Bobby" Ltd' }] });
    const res = await h.call('GET', `/Contacts?where=${encodeURIComponent('Name=="Bob \\"Bobby\\" Ltd"')}`);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ ErrorNumber: 16, Type: 'QueryParseException' });
    const found = await h.call('GET', `/Contacts?searchTerm=${encodeURIComponent('Bob "Bobby" Ltd')}`);
    expect(found.json.Contacts.map((c: { Name: string }) => c.Name)).toEqual(['Bob "Bobby" Ltd']);
  });

  it('GET by ContactID and by ContactNumber', async () => {
    const id = (await h.call('PUT', '/Contacts', { Contacts: [acme] })).json.Contacts[0].ContactID;
    expect((await h.call('GET', `/Contacts/${id}`)).json.Contacts[0].Name).toBe('Acme Widgets Ltd');
    expect((await h.call('GET', '/Contacts/CUST-0001')).json.Contacts[0].ContactID).toBe(id);
  });

  it('summarizeErrors=false saves the valid elements and flags the invalid ones', async () => {
    await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'Taken' }] });
    const res = await h.call('PUT', '/Contacts?summarizeErrors=false', {
      Contacts: [{ Name: 'Fresh' }, { Name: 'Taken' }],
    });
    expect(res.status).toBe(200);
    expect(res.json.Contacts[0]).toMatchObject({
      Name: 'Fresh',
      StatusAttributeString: 'OK',
      HasValidationErrors: false,
    });
    expect(res.json.Contacts[1]).toMatchObject({
      Name: 'Taken',
      StatusAttributeString: 'ERROR',
      HasValidationErrors: true,
    });
    expect(h.sandbox.state.contacts().map((c) => c.Name)).toEqual(['Taken', 'Fresh']);
  });

  it('with summarized errors answers 400 for a bad element but still saves the valid ones; duplicates within one batch are caught', async () => {
    const res = await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'Twin' }, { Name: 'Twin' }, { Name: 'Solo' }] });
    expect(res.status).toBe(400);
    expect(res.json.Elements).toHaveLength(1);
    expect(h.sandbox.state.contacts().map((c) => c.Name)).toEqual(['Twin', 'Solo']);
  });

  it('a contact named on documents is created once per request, and never beside an active namesake', async () => {
    await h.call('PUT', '/Contacts', { Contacts: [{ Name: 'Existing Person' }] });
    const doc = (name: string) => ({
      Type: 'ACCREC',
      Contact: { Name: name },
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '200' }],
    });
    const res = await h.call('PUT', '/Invoices', {
      Invoices: [doc('New Person'), doc(' new person '), doc('EXISTING PERSON')],
    });
    expect(res.status).toBe(200);
    const ids = res.json.Invoices.map((i: { Contact: { ContactID: string } }) => i.Contact.ContactID);
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(2);
    const quote = await h.call('PUT', '/Quotes', {
      Quotes: [{ Contact: { Name: 'Quote Person' } }, { Contact: { Name: 'QUOTE PERSON' } }].map((q) => ({
        ...q,
        LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 1 }],
      })),
    });
    expect(quote.json.Quotes[0].Contact.ContactID).toBe(quote.json.Quotes[1].Contact.ContactID);
    expect(
      h.sandbox.state
        .contacts()
        .map((c) => c.Name)
        .sort(),
    ).toEqual(['Existing Person', 'New Person', 'Quote Person']);
  });
});
