import type { WireInvoice } from '../../../lib/xero/wire-types';

/** An order's AUTHORISED NZ sales invoice for the sandbox (number `WC-{orderId}`, Reference `order:{orderId}`). */
export function invoiceFixture(contactId: string, orderId: number, overrides: Partial<WireInvoice> = {}): WireInvoice {
  return {
    Type: 'ACCREC',
    Contact: { ContactID: contactId },
    InvoiceNumber: `WC-${orderId}`,
    Reference: `order:${orderId}`,
    Date: '2024-01-31',
    DueDate: '2024-02-29',
    LineAmountTypes: 'Exclusive',
    Status: 'AUTHORISED',
    CurrencyCode: 'NZD',
    LineItems: [
      {
        Description: 'Blue widget',
        Quantity: 3,
        UnitAmount: 12.5,
        DiscountRate: 10,
        AccountCode: '200',
        TaxType: 'OUTPUT2',
      },
      { Description: 'Delivery', Quantity: 1, UnitAmount: 15, AccountCode: '200', TaxType: 'OUTPUT2' },
    ],
    ...overrides,
  };
}
