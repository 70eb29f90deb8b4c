import type { Json } from './fields';
import { renderContact } from './contacts';
import { renderCreditNote } from './credit-notes';
import type { Connection, IdentityStore } from './identity-store';
import { renderInvoice } from './invoices';
import { renderItem } from './items';
import type { TenantData } from './model';
import { renderPayment } from './payments';
import { renderQuote } from './quotes';
import type { RequestLogEntry } from './server';

/** Read access to the fake organisation for tests; records are rendered as the API returns them (unitdp=4). */
export interface XeroSandboxState {
  /** Invoices of a tenant (default: the first), with line items. */
  invoices(tenantId?: string): Json[];
  /** Quotes of a tenant. */
  quotes(tenantId?: string): Json[];
  /** Credit notes of a tenant, with line items, allocations and refunds. */
  creditNotes(tenantId?: string): Json[];
  /** Payments of a tenant (deleted ones included), as GET /Payments shows them. */
  payments(tenantId?: string): Json[];
  /** Contacts of a tenant, archived included. */
  contacts(tenantId?: string): Json[];
  /** Items of a tenant. */
  items(tenantId?: string): Json[];
  /** Every request received so far, oldest first (optionally only those whose path matches). */
  requests(path?: RegExp): RequestLogEntry[];
  /** Forgets the request log. */
  clearRequests(): void;
  /** Active connections of the sandbox user, all apps. */
  connections(): Connection[];
  /** The user removes the app in Xero: every token stops working (401, then invalid_grant) and connections go. */
  revokeAppAccess(): void;
  /** The raw tenant data (reference data, records, counters) for seeding or inspection. */
  tenant(tenantId?: string): TenantData;
}

/** Builds the state view over the sandbox's tenants, identity store and request log. */
export function createState(
  tenants: Map<string, TenantData>,
  identity: IdentityStore,
  log: RequestLogEntry[],
): XeroSandboxState {
  const tenant = (tenantId?: string): TenantData => {
    const found = tenantId === undefined ? tenants.values().next().value : tenants.get(tenantId);
    if (!found) throw new Error(`unknown tenant ${tenantId}`);
    return found;
  };
  return {
    invoices: (id) => [...tenant(id).invoices.values()].map((i) => renderInvoice(tenant(id), i, 4, true)),
    quotes: (id) => [...tenant(id).quotes.values()].map((q) => renderQuote(tenant(id), q, 4)),
    creditNotes: (id) => [...tenant(id).creditNotes.values()].map((c) => renderCreditNote(tenant(id), c, 4, true)),
    payments: (id) => [...tenant(id).payments.values()].map((p) => renderPayment(tenant(id), p, 'read')),
    contacts: (id) => [...tenant(id).contacts.values()].map(renderContact),
    items: (id) => [...tenant(id).items.values()].map((i) => renderItem(i, 4)),
    requests: (path) => log.filter((e) => path === undefined || path.test(e.path)),
    clearRequests: () => void log.splice(0, log.length),
    connections: () => identity.connections.filter((c) => c.active),
    revokeAppAccess: () => identity.revokeAllGrants(),
    tenant,
  };
}
