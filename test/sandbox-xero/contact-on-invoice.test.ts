import { createContact, salesLine, startHarness, validationMessages, type Harness } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.sandbox.close());

const mereTane = {
  Name: 'Mere Tane',
  FirstName: 'Mere',
  LastName: 'Tane',
  EmailAddress: 'mere@example.co.nz',
  Addresses: [{ AddressType: 'POBOX', AddressLine1: '1 Cuba Street', City: 'Wellington', Country: 'NZ' }],
};

const putInvoice = (contact: Record<string, unknown>, number = 'INV-EMB-1') =>
  h.call('PUT', '/Invoices', {
    Invoices: [{ Type: 'ACCREC', InvoiceNumber: number, Contact: contact, LineItems: [salesLine('Kete', 1, 10)] }],
  });

const activeNamed = (name: string) =>
  h.sandbox.state.contacts().filter((c) => c.Name === name && c.ContactStatus === 'ACTIVE');

describe('PUT /Invoices with a Contact given by Name and no ContactID', () => {
  it('creates the contact with every sent field when no active contact has the name; GET /Contacts lists it', async () => {
    const res = await putInvoice(mereTane);
    expect(res.status).toBe(200);
    const contactId = res.json.Invoices[0].Contact.ContactID as string;
    const listed = await h.call('GET', `/Contacts?where=${encodeURIComponent('Name=="Mere Tane"')}`);
    expect(listed.json.Contacts).toHaveLength(1);
    expect(listed.json.Contacts[0]).toMatchObject({
      ContactID: contactId,
      Name: 'Mere Tane',
      FirstName: 'Mere',
      LastName: 'Tane',
      EmailAddress: 'mere@example.co.nz',
      ContactStatus: 'ACTIVE',
      IsCustomer: true,
    });
    expect(listed.json.Contacts[0].Addresses).toContainEqual(
      expect.objectContaining({ AddressType: 'POBOX', AddressLine1: '1 Cuba Street', City: 'Wellington' }),
    );
  });

  it('attaches to the active contact of that name (ignoring case) and updates the other fields sent', async () => {
    const existing = await createContact(h, 'Mere Tane', { EmailAddress: 'old@example.co.nz' });
    const res = await putInvoice({ ...mereTane, Name: 'MERE TANE' });
    expect(res.status).toBe(200);
    expect(res.json.Invoices[0].Contact.ContactID).toBe(existing);
    expect(activeNamed('Mere Tane')).toHaveLength(1);
    expect(h.sandbox.state.tenant().contacts.get(existing)).toMatchObject({
      Name: 'Mere Tane',
      EmailAddress: 'mere@example.co.nz',
      FirstName: 'Mere',
    });
  });

  it('creates a new contact when only an archived contact has the name', async () => {
    const archived = await createContact(h, 'Mere Tane');
    h.sandbox.state.tenant().contacts.get(archived)!.ContactStatus = 'ARCHIVED';
    const res = await putInvoice(mereTane);
    expect(res.status).toBe(200);
    expect(res.json.Invoices[0].Contact.ContactID).not.toBe(archived);
    expect(activeNamed('Mere Tane')).toHaveLength(1);
  });

  it('checks the contact as PUT /Contacts does: a name over 255 characters or a blank name refuses the invoice', async () => {
    const long = await putInvoice({ ...mereTane, Name: 'x'.repeat(256) });
    expect(long.status).toBe(400);
    expect(validationMessages(long)).toContain('Name must not be more than 255 characters long.');
    const blank = await putInvoice({ ...mereTane, Name: '  ' }, 'INV-EMB-2');
    expect(blank.status).toBe(400);
    expect(validationMessages(blank)).toContain('The contact name must be specified.');
    const noName = await putInvoice({ EmailAddress: 'mere@example.co.nz' }, 'INV-EMB-3');
    expect(validationMessages(noName)).toContain('A Contact must be specified for this type of transaction');
    expect(h.sandbox.state.contacts()).toHaveLength(0);
    expect(h.sandbox.state.invoices()).toHaveLength(0);
  });

  it('two invoices of one request naming the same new contact create it once', async () => {
    const res = await h.call('PUT', '/Invoices', {
      Invoices: ['A', 'B'].map((n) => ({
        Type: 'ACCREC',
        InvoiceNumber: `INV-${n}`,
        Contact: mereTane,
        LineItems: [salesLine('Kete', 1, 10)],
      })),
    });
    expect(res.status).toBe(200);
    expect(activeNamed('Mere Tane')).toHaveLength(1);
    expect(new Set(res.json.Invoices.map((i: { Contact: { ContactID: string } }) => i.Contact.ContactID)).size).toBe(1);
  });
});
