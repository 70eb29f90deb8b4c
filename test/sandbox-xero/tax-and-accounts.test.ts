import { account } from '../../sandbox/xero/seed';
import { createContact, salesLine, startHarness, validationMessages, type Harness } from './helpers';

// Which TaxType may go on which account (TaxRate.CanApplyTo… against Account.Class), archived and deleted
// accounts, and the ROUNDING system account, on invoices, quotes and item defaults.

let h: Harness;
let contactId: string;
beforeEach(async () => {
  h = await startHarness({
    tenants: [
      {
        name: 'Tax Org',
        customize: (ref) => {
          ref.accounts.push(
            account('220', 'Old Services (deleted)', 'REVENUE', 'REVENUE', 'OUTPUT2', { Status: 'DELETED' }),
          );
        },
      },
    ],
  });
  contactId = await createContact(h, 'Acme Widgets Ltd');
});
afterEach(() => h.sandbox.close());

const invoice = (lines: unknown[], more: Record<string, unknown> = {}) => ({
  Invoices: [{ Type: 'ACCREC', Contact: { ContactID: contactId }, Date: '2024-01-31', LineItems: lines, ...more }],
});
const putInvoice = (lines: unknown[], more: Record<string, unknown> = {}) =>
  h.call('PUT', '/Invoices?unitdp=4', invoice(lines, more));
const bill = (lines: unknown[]) => putInvoice(lines, { Type: 'ACCPAY', InvoiceNumber: 'SUP-1' });

describe('tax types valid for the account', () => {
  it('accepts the sales tax types on the revenue account 200', async () => {
    for (const taxType of ['OUTPUT2', 'NONE', 'ZERORATED', 'EXEMPTOUTPUT', 'TAX001']) {
      const res = await putInvoice([salesLine('x', 1, 100, { TaxType: taxType })]);
      expect({ taxType, status: res.status }).toEqual({ taxType, status: 200 });
    }
    expect(h.sandbox.state.invoices()).toHaveLength(5);
  });

  it("refuses the purchase-only INPUT2 on a revenue account with Xero's message, and saves nothing", async () => {
    const res = await putInvoice([salesLine('ok', 1, 10), salesLine('bad', 1, 10, { TaxType: 'INPUT2' })]);
    expect(res.status).toBe(400);
    expect(validationMessages(res)).toEqual(["The TaxType code 'INPUT2' cannot be used with account code '200'."]);
    expect(h.sandbox.state.invoices()).toEqual([]);
  });

  it('checks the account found by AccountID, and on quotes too', async () => {
    const accounts = (await h.call('GET', '/Accounts')).json.Accounts as Array<{ Code: string; AccountID: string }>;
    const otherRevenue = accounts.find((a) => a.Code === '260')!;
    const byId = await putInvoice([
      { Description: 'x', Quantity: 1, UnitAmount: 5, AccountID: otherRevenue.AccountID, TaxType: 'INPUT2' },
    ]);
    expect(validationMessages(byId)).toEqual(["The TaxType code 'INPUT2' cannot be used with account code '260'."]);
    const quote = await h.call('PUT', '/Quotes', {
      Quotes: [{ Contact: { ContactID: contactId }, LineItems: [salesLine('x', 1, 5, { TaxType: 'INPUT2' })] }],
    });
    expect(validationMessages(quote)).toEqual(["The TaxType code 'INPUT2' cannot be used with account code '200'."]);
  });

  it('applies the rule by class both ways: INPUT2 is fine on an expense bill line, OUTPUT2 is not', async () => {
    const ok = await bill([{ Description: 'ads', Quantity: 1, UnitAmount: 50, AccountCode: '400', TaxType: 'INPUT2' }]);
    expect(ok.status).toBe(200);
    expect(ok.json.Invoices[0].TotalTax).toBe(7.5);
    const wrong = await bill([
      { Description: 'ads', Quantity: 1, UnitAmount: 50, AccountCode: '400', TaxType: 'OUTPUT2' },
    ]);
    expect(validationMessages(wrong)).toEqual(["The TaxType code 'OUTPUT2' cannot be used with account code '400'."]);
  });

  it('publishes the flags it enforces on GET /TaxRates', async () => {
    const rates = (await h.call('GET', '/TaxRates')).json.TaxRates as Array<Record<string, unknown>>;
    const flags = (type: string) => {
      const r = rates.find((t) => t.TaxType === type)!;
      return [r.CanApplyToRevenue, r.CanApplyToExpenses, r.CanApplyToLiabilities];
    };
    expect(flags('OUTPUT2')).toEqual([true, false, true]);
    expect(flags('INPUT2')).toEqual([false, true, true]);
    expect(flags('NONE')).toEqual([true, true, true]);
    expect(flags('ZERORATED')).toEqual([true, false, true]);
  });

  it('checks item defaults: the sales tax type must suit the sales account', async () => {
    const res = await h.call('PUT', '/Items', {
      Items: [{ Code: 'MISFIT', SalesDetails: { UnitPrice: 1, AccountCode: '200', TaxType: 'INPUT2' } }],
    });
    expect(validationMessages(res)).toEqual(["The TaxType code 'INPUT2' cannot be used with account code '200'."]);
  });
});

describe('archived and deleted accounts', () => {
  const refused = (code: string) =>
    `Account code '${code}' has been archived, or has been deleted. Each line item must reference a valid account.`;

  it('refuses an archived (210) and a deleted (220) account on a line; an unknown one is not valid', async () => {
    expect(validationMessages(await putInvoice([salesLine('x', 1, 1, { AccountCode: '210' })]))).toEqual([
      refused('210'),
    ]);
    expect(validationMessages(await putInvoice([salesLine('x', 1, 1, { AccountCode: '220' })]))).toEqual([
      refused('220'),
    ]);
    expect(validationMessages(await putInvoice([salesLine('x', 1, 1, { AccountCode: '299' })]))).toEqual([
      "Account code '299' is not a valid code for this document.",
    ]);
  });

  it("refuses a line whose item's default account was archived after the item was created", async () => {
    await h.call('PUT', '/Items', {
      Items: [{ Code: 'OLD', Description: 'Old thing', SalesDetails: { AccountCode: '260' } }],
    });
    h.sandbox.state.tenant().reference.accounts.find((a) => a.Code === '260')!.Status = 'ARCHIVED';
    const res = await putInvoice([{ ItemCode: 'OLD', Quantity: 1, UnitAmount: 5 }]);
    expect(validationMessages(res)).toEqual([refused('260')]);
  });

  it('refuses archived and deleted accounts as item defaults', async () => {
    const res = await h.call('PUT', '/Items?summarizeErrors=false', {
      Items: [
        { Code: 'A', SalesDetails: { AccountCode: '210' } },
        { Code: 'B', SalesDetails: { AccountCode: '220' } },
      ],
    });
    expect(res.json.Items.map((i: { ValidationErrors: Array<{ Message: string }> }) => i.ValidationErrors)).toEqual([
      [{ Message: refused('210') }],
      [{ Message: refused('220') }],
    ]);
  });
});

describe('the rounding account', () => {
  it('860 is the ROUNDING system account and takes positive and negative untaxed rounding lines', async () => {
    const accounts = (await h.call('GET', `/Accounts?where=${encodeURIComponent('SystemAccount=="ROUNDING"')}`)).json
      .Accounts;
    expect(accounts).toEqual([expect.objectContaining({ Code: '860', Status: 'ACTIVE', Class: 'LIABILITY' })]);
    const rounding = (amount: number) => ({
      Description: 'Rounding',
      Quantity: 1,
      UnitAmount: amount,
      AccountCode: '860',
      TaxType: 'NONE',
    });
    const up = await putInvoice([salesLine('x', 1, 10.01), rounding(0.01)]);
    expect(up.json.Invoices[0]).toMatchObject({ SubTotal: 10.02, TotalTax: 1.5, Total: 11.52 });
    const down = await putInvoice([salesLine('x', 1, 10.01), rounding(-0.02)], {
      Status: 'AUTHORISED',
      DueDate: '2024-02-29',
    });
    expect(down.json.Invoices[0]).toMatchObject({ Status: 'AUTHORISED', SubTotal: 9.99, TotalTax: 1.5, Total: 11.49 });
    expect(down.json.Invoices[0].LineItems[1]).toMatchObject({ AccountCode: '860', TaxType: 'NONE', TaxAmount: 0 });
  });
});
