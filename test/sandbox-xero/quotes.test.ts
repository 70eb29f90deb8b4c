import { createContact, salesLine, startHarness, type Harness } from './helpers';

let h: Harness;
let contactId: string;
beforeEach(async () => {
  h = await startHarness();
  contactId = await createContact(h, 'Acme', { EmailAddress: 'ap@acme.example' });
});
afterEach(() => h.sandbox.close());

const quote = (more: Record<string, unknown> = {}) => ({
  Contact: { ContactID: contactId },
  Date: '2024-01-31',
  ExpiryDate: '2024-02-14',
  Title: 'Widget supply',
  LineItems: [salesLine('Blue widget', 3, 12.5, { DiscountRate: 10 })],
  ...more,
});

describe('Quotes', () => {
  it('creates QU-0001 with top-level SummarizeErrors and offset-free dates', async () => {
    const res = await h.call('PUT', '/Quotes?summarizeErrors=true', { Quotes: [quote()] });
    expect(res.status).toBe(200);
    expect(res.json.SummarizeErrors).toBe(true);
    expect(res.json.Quotes[0]).toMatchObject({
      QuoteNumber: 'QU-0001',
      Status: 'DRAFT',
      LineAmountTypes: 'EXCLUSIVE',
      SubTotal: 33.75,
      TotalTax: 5.06,
      Total: 38.81,
      TotalDiscount: 3.75,
      Date: '/Date(1706659200000)/',
      DateString: '2024-01-31T00:00:00',
      ExpiryDate: '/Date(1707868800000)/',
      Contact: { ContactID: contactId, Name: 'Acme', EmailAddress: 'ap@acme.example' },
    });
    expect(res.json.Quotes[0].UpdatedDateUTC).toMatch(/^\/Date\(\d+\)\/$/);
    expect((await h.call('PUT', '/Quotes', { Quotes: [quote()] })).json.Quotes[0].QuoteNumber).toBe('QU-0002');
  });

  it('supports INCLUSIVE and NOTAX', async () => {
    const inc = await h.call('PUT', '/Quotes', {
      Quotes: [quote({ LineAmountTypes: 'INCLUSIVE', LineItems: [salesLine('x', 1, 115)] })],
    });
    expect(inc.json.Quotes[0]).toMatchObject({ LineAmountTypes: 'INCLUSIVE', SubTotal: 100, TotalTax: 15, Total: 115 });
    const none = await h.call('PUT', '/Quotes', {
      Quotes: [quote({ LineAmountTypes: 'NOTAX', LineItems: [salesLine('x', 1, 115)] })],
    });
    expect(none.json.Quotes[0]).toMatchObject({ LineAmountTypes: 'NOTAX', TotalTax: 0, Total: 115 });
  });

  it('requires a contact and unique quote numbers; summarizeErrors=false reports per element', async () => {
    await h.call('PUT', '/Quotes', { Quotes: [quote({ QuoteNumber: 'Q-1' })] });
    const res = await h.call('PUT', '/Quotes?summarizeErrors=false', {
      Quotes: [quote({ QuoteNumber: 'Q-1' }), { LineItems: [] }, quote()],
    });
    expect(res.status).toBe(200);
    expect(res.json.SummarizeErrors).toBe(false);
    expect(res.json.Quotes.map((q: { StatusAttributeString: string }) => q.StatusAttributeString)).toEqual([
      'ERROR',
      'ERROR',
      'OK',
    ]);
    expect(res.json.Quotes[0].ValidationErrors).toEqual([{ Message: 'Quote # must be unique.' }]);
    expect(res.json.Quotes[1].ValidationErrors).toEqual([
      { Message: 'A Contact must be specified for this type of transaction' },
    ]);
  });

  it('follows the status model: DRAFT→SENT→ACCEPTED→INVOICED; DRAFT→ACCEPTED is refused', async () => {
    const id = (await h.call('PUT', '/Quotes', { Quotes: [quote()] })).json.Quotes[0].QuoteID;
    const set = (Status: string) => h.call('POST', `/Quotes/${id}`, { Quotes: [{ Status }] });
    const refused = await set('ACCEPTED');
    expect(refused.status).toBe(400);
    expect(refused.json.Elements[0].ValidationErrors[0].Message).toBe(
      'A quote with status DRAFT cannot be changed to ACCEPTED.',
    );
    for (const status of ['SENT', 'ACCEPTED', 'INVOICED'])
      expect((await set(status)).json.Quotes[0].Status).toBe(status);
    const lines = await h.call('POST', `/Quotes/${id}`, { Quotes: [{ LineItems: [salesLine('x', 1, 1)] }] });
    expect(lines.status).toBe(400);
  });

  it('GET by id, by number, and list filters', async () => {
    const created = (
      await h.call('PUT', '/Quotes', { Quotes: [quote(), quote({ Date: '2024-03-01', Status: 'SENT' })] })
    ).json.Quotes;
    expect((await h.call('GET', `/Quotes/${created[0].QuoteID}`)).json.Quotes[0].QuoteNumber).toBe('QU-0001');
    const numbers = (r: { json: { Quotes: Array<{ QuoteNumber: string }> } }) =>
      r.json.Quotes.map((q) => q.QuoteNumber);
    expect(numbers(await h.call('GET', '/Quotes?Status=SENT'))).toEqual(['QU-0002']);
    expect(numbers(await h.call('GET', '/Quotes?DateFrom=2024-02-01'))).toEqual(['QU-0002']);
    expect(numbers(await h.call('GET', '/Quotes?QuoteNumber=QU-0001'))).toEqual(['QU-0001']);
    expect(numbers(await h.call('GET', `/Quotes?ContactID=${contactId}`))).toEqual(['QU-0001', 'QU-0002']);
  });

  it('rounds unit amounts to 2 decimals before computing the line, whatever unitdp says (Quotes take no unitdp)', async () => {
    const res = await h.call('PUT', '/Quotes?unitdp=4', {
      Quotes: [quote({ LineItems: [salesLine('Thirds', 3, 3.3333)] })],
    });
    expect(res.status).toBe(200);
    expect(res.json.Quotes[0].LineItems[0]).toMatchObject({ UnitAmount: 3.33, LineAmount: 9.99 });
    const read = await h.call('GET', `/Quotes/${res.json.Quotes[0].QuoteID}?unitdp=4`);
    expect(read.json.Quotes[0].LineItems[0].UnitAmount).toBe(3.33);
  });
});
