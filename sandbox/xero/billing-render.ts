/** The JSON invoices and credit notes share: contact, dates, status, lines, totals, timestamps. */
import { renderContactSummary } from './contacts';
import { dateString, msDate, utcString } from './dates';
import { toNumber } from './decimal';
import type { Json } from './fields';
import type { Balance } from './ledger';
import { renderLine } from './line-items';
import type { BillingRecord, TenantData } from './model';

/** The shared fields of an invoice or credit note; line items only when asked for; FullyPaidOnDate once PAID. */
export function billingJson(
  tenant: TenantData,
  doc: BillingRecord,
  balance: Balance,
  dp: 2 | 4,
  withLines: boolean,
): Json {
  const contact = tenant.contacts.get(doc.ContactID);
  return {
    CurrencyRate: toNumber(doc.CurrencyRate),
    HasAttachments: false,
    HasErrors: false,
    Contact: contact ? renderContactSummary(contact) : { ContactID: doc.ContactID },
    DateString: dateString(doc.Date),
    Date: msDate(doc.Date),
    ...(doc.DueDate !== undefined ? { DueDateString: dateString(doc.DueDate), DueDate: msDate(doc.DueDate) } : {}),
    ...(doc.BrandingThemeID !== undefined ? { BrandingThemeID: doc.BrandingThemeID } : {}),
    Status: doc.Status,
    LineAmountTypes: doc.LineAmountTypes,
    LineItems: withLines ? doc.lines.map((l) => renderLine(l, dp)) : [],
    SubTotal: toNumber(doc.totals.SubTotal),
    TotalTax: toNumber(doc.totals.TotalTax),
    Total: toNumber(doc.totals.Total),
    UpdatedDateUTC: msDate(doc.updatedAt),
    UpdatedDateUTCString: utcString(doc.updatedAt),
    CurrencyCode: doc.CurrencyCode,
    ...(doc.Status === 'PAID' && balance.lastMoveDate !== undefined
      ? { FullyPaidOnDate: msDate(balance.lastMoveDate) }
      : {}),
  };
}
