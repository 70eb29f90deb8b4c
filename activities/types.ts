import type { AppliedEffect, OrderChange, OrderChangePlan } from '../lib/lifecycle/order-changes';
import type { DocumentKind, XeroDocumentPlan } from '../lib/mapping';
import type { ContactChoice } from '../lib/xero/choose-contact';
import type { CreatedDocument } from '../lib/xero/exactly-once';
import type { DocumentToCreate, PlannedOrder, SkippedOrder } from '../lib/sync/plan-order';
import type { WooOrder } from '../lib/woocommerce/order-schema';

/** Identifies one order of one store. */
export interface OrderRef {
  storeId: string;
  orderId: number;
}

/** The plan for an order and the settings version it was made with, as the document steps take it. */
export type OrderSyncPlan = DocumentToCreate;

/** What planning an order tells the workflow: its number and the reduced plan, or why it is not synced. */
export type OrderSyncPlanOutcome = { orderNumber: string } & (OrderSyncPlan | SkippedOrder);

/** The ledger fields an activity may record for an order. */
export interface LedgerUpdate extends OrderRef {
  orderNumber?: string;
  state: 'pending' | 'synced' | 'skipped' | 'failed';
  documentKind?: DocumentKind;
  xeroDocumentId?: string;
  xeroDocumentNumber?: string;
  orderTotal?: string;
  xeroTotal?: string;
  currency?: string;
  settingsVersion?: number;
  lastError: string | null;
  /** A problem after booking that leaves the state as it is; null clears it. */
  warning?: string | null;
  workflowId?: string;
}

/** The document as Xero answered its create in this pass, with its kind. */
export type JustCreatedDocument = CreatedDocument & { kind: DocumentKind };

/** Whether the order note was written; a permanent failure is a warning on a booked order, never a failure. */
export interface OrderNoteOutcome {
  written: boolean;
  warning?: string;
}

/** The ledger's view of an order, as the workflow reads it. */
export interface LedgerView {
  state: string;
  documentKind?: string | null;
  xeroDocumentNumber?: string | null;
  orderNumber?: string | null;
}

/** Every activity the order sync workflow calls; implemented by createActivities(deps). */
export interface SyncActivities {
  /** Reads the current order and plans its Xero document; the order itself never leaves the activity. */
  planOrderSync(ref: OrderRef): Promise<OrderSyncPlanOutcome>;
  /** @deprecated Runs that started before `plan-order-inside-activity` only: puts the whole order in history. */
  fetchWooOrder(ref: OrderRef): Promise<WooOrder>;
  getLedgerEntry(ref: OrderRef): Promise<LedgerView | null>;
  recordLedgerEntry(update: LedgerUpdate): Promise<void>;
  recordSyncFailure(input: OrderRef & { message: string }): Promise<void>;
  /** @deprecated Runs that started before `plan-order-inside-activity` only (see planOrderSync). */
  planXeroDocument(input: { storeId: string; order: WooOrder }): Promise<PlannedOrder | SkippedOrder>;
  /** @deprecated Runs that started before `contact-with-document` only: creates a new contact with PUT /Contacts. */
  findOrCreateXeroContact(input: { storeId: string; contact: XeroDocumentPlan['contact'] }): Promise<string>;
  /** The document's contact: existing, or (invoices) a claimed new name for the invoice to create it under. */
  chooseXeroContact(input: {
    storeId: string;
    contact: XeroDocumentPlan['contact'];
    kind: DocumentKind;
  }): Promise<ContactChoice>;
  ensureXeroItems(input: { storeId: string; items: XeroDocumentPlan['items'] }): Promise<void>;
  createXeroDocument(input: OrderRef & { plan: OrderSyncPlan } & ContactChoice): Promise<CreatedDocument>;
  addWooOrderNote(input: OrderRef & { note: string }): Promise<OrderNoteOutcome>;
  /**
   * Looks at a booked order as WooCommerce and Xero have it now: the changes to apply, its state, what differs.
   * Xero's document is read only when a change is due, unless `justCreated` is Xero's answer to its create.
   */
  planOrderLife(ref: OrderRef & { justCreated?: JustCreatedDocument }): Promise<OrderChangePlan>;
  /** Applies one change in Xero exactly once and records it among the order's effects in the ledger. */
  applyOrderChange(input: OrderRef & { change: OrderChange }): Promise<AppliedEffect>;
}
