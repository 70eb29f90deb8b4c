import type { WooOrderJson } from '../../sandbox/woocommerce';
import type { XeroSandboxState } from '../../sandbox/xero';

/** A live invoice as the comparison sees it: number, status and its amounts to the cent. */
export interface InvoiceHolding {
  number: string;
  status: string;
  total: string;
  paid: string;
  credited: string;
  due: string;
}

/** A credit note: number, status, amounts, and how it was settled (allocations and cash refunds). */
export interface CreditNoteHolding {
  number: string;
  status: string;
  total: string;
  remaining: string;
  /** `"12.50 → WC-42"` per allocation. */
  allocations: string[];
  /** The payments on the credit note (money paid back): `"12.50 from 090"`, amount and account. */
  cashRefunds: string[];
}

/** Everything Xero holds for one order, or should hold: the same shape on both sides of the comparison. */
export interface OrderHoldings {
  /** How the order's last workflow run ended. */
  run: string;
  invoices: InvoiceHolding[];
  /** Invoices of the order that are VOIDED or DELETED. */
  dead: number;
  /** The payments (not deleted) on the order's invoices: `"70.95 to 090"`, amount and account. */
  payments: string[];
  /** How many Xero contacts the order's invoices and credit notes name (one, or none without documents). */
  contacts: number;
  creditNotes: CreditNoteHolding[];
}

/** What the order's history did to its invoice: voids of the live invoice and reissues after them. */
export interface InvoiceHistory {
  voids: number;
  reissues: number;
}

type Json = Record<string, unknown>;

/** The records of the sandbox Xero that the comparison reads, rendered once. */
export interface XeroRecords {
  invoices: Json[];
  creditNotes: Json[];
  payments: Json[];
}

/** Reads the sandbox Xero's invoices, credit notes and payments (deleted ones included) as its API shows them. */
export function xeroRecords(state: XeroSandboxState): XeroRecords {
  return { invoices: state.invoices(), creditNotes: state.creditNotes(), payments: state.payments() };
}

const CANCELLED = new Set(['cancelled', 'failed', 'trash']);
/** The account payments and cash refunds use by default (`payments.defaultAccount`). */
const PAYMENT_ACCOUNT = '090';

const cents = (amount: unknown): number => Math.round(Number(amount) * 100);
const money = (amountInCents: number): string => (amountInCents / 100).toFixed(2);
const byNumber = <T extends { number: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => a.number.localeCompare(b.number));

/** Whether WooCommerce says the customer paid (a paid date; cash on delivery only once completed or refunded). */
export function isPaid(order: WooOrderJson): boolean {
  if (!order.date_paid) return false;
  return order.payment_method !== 'cod' || ['completed', 'refunded'].includes(order.status);
}

/**
 * A cancelled, failed or trashed order that was never paid: WooCommerce expects nothing, so no live invoice and no
 * live credit note (credit given for a refund before the cancellation is taken back and voided).
 */
export function wantsNoInvoice(order: WooOrderJson): boolean {
  return CANCELLED.has(order.status) && !isPaid(order);
}

/** The number of the order's invoice after `reissues` reissues: WC-42, then WC-42-2, WC-42-3. */
export function invoiceNumberOf(orderNumber: string, reissues: number): string {
  return reissues === 0 ? `WC-${orderNumber}` : `WC-${orderNumber}-${reissues + 1}`;
}

/**
 * What Xero must hold for the order as WooCommerce has it now: one live invoice for the order total unless it wants
 * none; one payment of the total when paid; one credit note per refund for exactly the refund, paid back in cash
 * when the order was paid, else allocated to the invoice; the invoice owing what WooCommerce still expects.
 */
export function expectedHoldings(order: WooOrderJson, history: InvoiceHistory): OrderHoldings {
  const base = { run: 'COMPLETED', dead: history.voids, contacts: 1 };
  if (wantsNoInvoice(order)) {
    return { ...base, contacts: history.voids > 0 ? 1 : 0, invoices: [], payments: [], creditNotes: [] };
  }
  const number = invoiceNumberOf(order.number, history.reissues);
  const total = cents(order.total);
  const paid = isPaid(order);
  const refunds = order.refunds.map((refund) => ({ id: refund.id, amount: -cents(refund.total) }));
  const credited = paid ? 0 : refunds.reduce((sum, refund) => sum + refund.amount, 0);
  const due = total - (paid ? total : 0) - credited;
  const invoice = {
    number,
    status: due === 0 ? 'PAID' : 'AUTHORISED',
    total: money(total),
    paid: money(paid ? total : 0),
    credited: money(credited),
    due: money(due),
  };
  const creditNotes = refunds.map((refund) => ({
    number: `${number}-R${refund.id}`,
    status: 'PAID',
    total: money(refund.amount),
    remaining: '0.00',
    allocations: paid ? [] : [`${money(refund.amount)} → ${number}`],
    cashRefunds: paid ? [`${money(refund.amount)} from ${PAYMENT_ACCOUNT}`] : [],
  }));
  const payments = paid ? [`${money(total)} to ${PAYMENT_ACCOUNT}`] : [];
  return { ...base, invoices: [invoice], payments, creditNotes: byNumber(creditNotes) };
}

/** The order's invoices in the sandbox Xero, live or not (their Reference ends with `#<number>`). */
function invoicesOf(xero: XeroRecords, orderNumber: string): Json[] {
  return xero.invoices.filter((invoice) => String(invoice.Reference ?? '').endsWith(`#${orderNumber}`));
}

/** The order's credit notes: numbered after one of its invoices, `WC-42-R7` or `WC-42-2-R7`. */
function creditNotesOf(xero: XeroRecords, orderNumber: string): Json[] {
  const pattern = new RegExp(`^WC-${orderNumber}(-\\d+)?-R\\d+$`);
  return xero.creditNotes.filter((note) => pattern.test(String(note.CreditNoteNumber)));
}

/** Payments that are not deleted, on the document with this id (an invoice, or a credit note when read back). */
function paymentsOn(xero: XeroRecords, documentIds: ReadonlySet<unknown>): Json[] {
  return xero.payments.filter(
    (p) => p.Status !== 'DELETED' && documentIds.has((p.Invoice as Json | undefined)?.InvoiceID),
  );
}

const paymentAmount = (payment: Json): string => money(cents(payment.Amount));
const accountOf = (payment: Json): string => String((payment.Account as Json | undefined)?.Code);
const contactOf = (document: Json): unknown => (document.Contact as Json | undefined)?.ContactID;

function invoiceHolding(invoice: Json): InvoiceHolding {
  return {
    number: String(invoice.InvoiceNumber),
    status: String(invoice.Status),
    total: money(cents(invoice.Total)),
    paid: money(cents(invoice.AmountPaid)),
    credited: money(cents(invoice.AmountCredited)),
    due: money(cents(invoice.AmountDue)),
  };
}

function creditNoteHolding(xero: XeroRecords, note: Json): CreditNoteHolding {
  const allocations = (note.Allocations as Json[] | undefined) ?? [];
  return {
    number: String(note.CreditNoteNumber),
    status: String(note.Status),
    total: money(cents(note.Total)),
    remaining: money(cents(note.RemainingCredit)),
    allocations: allocations.map((a) => `${money(cents(a.Amount))} → ${String((a.Invoice as Json).InvoiceNumber)}`),
    cashRefunds: paymentsOn(xero, new Set([note.CreditNoteID])).map((p) => `${paymentAmount(p)} from ${accountOf(p)}`),
  };
}

/** What the sandbox Xero holds for the order, in the shape of expectedHoldings; `run` is the last run's status. */
export function heldInXero(xero: XeroRecords, orderNumber: string, run: string): OrderHoldings {
  const invoices = invoicesOf(xero, orderNumber);
  const creditNotes = creditNotesOf(xero, orderNumber).filter((note) => note.Status !== 'VOIDED');
  const live = invoices.filter((invoice) => !['VOIDED', 'DELETED'].includes(String(invoice.Status)));
  return {
    run,
    invoices: byNumber(live.map(invoiceHolding)),
    dead: invoices.length - live.length,
    payments: paymentsOn(xero, new Set(invoices.map((invoice) => invoice.InvoiceID)))
      .map((p) => `${paymentAmount(p)} to ${accountOf(p)}`)
      .sort(),
    contacts: new Set([...invoices, ...creditNotes].map(contactOf)).size,
    creditNotes: byNumber(creditNotes.map((note) => creditNoteHolding(xero, note))),
  };
}

/** How many invoices, live credit notes and payments (not deleted) the sandbox Xero holds in all. */
export function xeroTotals(xero: XeroRecords): { invoices: number; creditNotes: number; payments: number } {
  return {
    invoices: xero.invoices.length,
    creditNotes: xero.creditNotes.filter((note) => note.Status !== 'VOIDED').length,
    payments: xero.payments.filter((p) => p.Status !== 'DELETED').length,
  };
}

/** The same totals summed over the orders' holdings: equal to xeroTotals when nothing extra is in Xero. */
export function holdingTotals(holdings: readonly OrderHoldings[]): ReturnType<typeof xeroTotals> {
  const sum = (count: (h: OrderHoldings) => number) => holdings.reduce((total, h) => total + count(h), 0);
  return {
    invoices: sum((h) => h.invoices.length + h.dead),
    creditNotes: sum((h) => h.creditNotes.length),
    payments: sum((h) => h.payments.length + h.creditNotes.reduce((n, note) => n + note.cashRefunds.length, 0)),
  };
}
