import { mapRefundToCreditNote } from '../../lib/mapping/credit-note';
import { handBuiltOrder, mappingContext } from '../mapping/fixtures';
import { gstSettings, mugRefundLine, refundOf } from './fixtures';

describe('a refund becomes its credit note', () => {
  const invoice = { contactId: 'contact-1', number: 'WC-5001' };

  it('credits the refunded lines with the invoice’s accounts, tax types and WooCommerce’s tax, to the cent', () => {
    const refund = refundOf({
      amount: '30.80',
      line_items: [mugRefundLine()],
      shipping_lines: [
        {
          id: 922,
          method_title: 'Flat rate',
          method_id: 'flat_rate',
          total: '-10.00',
          total_tax: '-1.00',
          taxes: [{ id: 1, total: '-1', subtotal: '' }],
          meta_data: [{ key: '_refunded_item_id', value: '13' }],
        },
      ],
    });
    const { creditNote, total } = mapRefundToCreditNote(
      handBuiltOrder(),
      refund,
      gstSettings(),
      mappingContext(),
      invoice,
    );
    expect(total).toBe('30.80');
    expect(creditNote).toEqual({
      Type: 'ACCRECCREDIT',
      Contact: { ContactID: 'contact-1' },
      Date: '2024-02-03',
      CreditNoteNumber: 'WC-5001-R901',
      Reference: 'Refund #901 of WooCommerce order #5001',
      CurrencyCode: 'AUD',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Exclusive',
      LineItems: [
        {
          Description: 'Mug',
          Quantity: 1,
          UnitAmount: 18,
          ItemCode: 'MUG-1',
          AccountCode: '200',
          TaxType: 'GST10',
          TaxAmount: 1.8,
        },
        {
          Description: 'Shipping: Flat rate',
          Quantity: 1,
          UnitAmount: 10,
          AccountCode: '200',
          TaxType: 'GST10',
          TaxAmount: 1,
        },
      ],
    });
    // Xero refuses discounts on credit notes: none is ever sent.
    for (const line of creditNote.LineItems) expect(line).not.toHaveProperty('DiscountAmount');
  });

  it('an amount-only refund is one line on the sales account, untaxed, for exactly the amount', () => {
    const refund = refundOf({ amount: '5.00', reason: 'Late delivery' });
    const { creditNote, total } = mapRefundToCreditNote(
      handBuiltOrder(),
      refund,
      gstSettings(),
      mappingContext(),
      invoice,
    );
    expect(total).toBe('5.00');
    expect(creditNote.LineItems).toEqual([
      {
        Description: 'Refund of WooCommerce order #5001: Late delivery',
        Quantity: 1,
        UnitAmount: 5,
        AccountCode: '200',
        TaxType: 'NONE',
      },
    ]);
  });

  it('a refund of more than its lines adds the rest as one untaxed line, so the total is the refund’s amount', () => {
    const refund = refundOf({ amount: '25.00', line_items: [mugRefundLine()] });
    const { creditNote, total } = mapRefundToCreditNote(
      handBuiltOrder(),
      refund,
      gstSettings(),
      mappingContext(),
      invoice,
    );
    expect(total).toBe('25.00');
    expect(creditNote.LineItems.map((line) => [line.Description, line.UnitAmount, line.TaxType])).toEqual([
      ['Mug', 18, 'GST10'],
      ['Refund not itemised in WooCommerce', 5.2, 'NONE'],
    ]);
  });
});
