import type { XeroDocumentPlan } from '../mapping';
import type { XeroAccountingClient } from '../xero/accounting-client';
import { missingItems } from '../xero/ensure-items';
import { findContact } from '../xero/find-contact';
import { createRequestJson, documentWithContact, type DocumentContact } from './document-body';
import { planOrder, type PlanOrderInput } from './plan-order';

/** What a sync of the order would send to Xero now, and what to look at first; nothing is written anywhere. */
export interface OrderPreview {
  documents: Array<{ kind: XeroDocumentPlan['kind']; xero: Record<string, unknown> }>;
  warnings: string[];
  settingsVersion: number;
}

/** Planning input plus the read-only Xero calls the preview makes. */
export interface PreviewOrderInput extends PlanOrderInput {
  xero: Pick<XeroAccountingClient, 'getContacts' | 'getItemsByCode'>;
}

/** Plans the order as a sync would and reads (never creates) its contact and items in Xero; throws MappingError. */
export async function previewOrder(input: PreviewOrderInput): Promise<OrderPreview> {
  const plan = await planOrder(input);
  const { settingsVersion } = plan;
  if ('skipReason' in plan) return { documents: [], warnings: [`Not synced: ${plan.skipReason}`], settingsVersion };
  const [contact, itemWarnings] = await Promise.all([previewContact(input, plan), previewItems(input, plan)]);
  const xero = createRequestJson(plan.kind, documentWithContact(plan, contact.contact));
  return {
    documents: [{ kind: plan.kind, xero }],
    warnings: [...plan.warnings, ...contact.warnings, ...itemWarnings],
    settingsVersion,
  };
}

/**
 * The existing contact's id, else the new contact as the sync sends it, with a warning: an invoice carries the
 * whole new contact (Xero creates it from the invoice); a quote's contact is created first, so only its name shows.
 */
async function previewContact(
  input: PreviewOrderInput,
  plan: Pick<XeroDocumentPlan, 'contact' | 'kind'>,
): Promise<{ contact: DocumentContact; warnings: string[] }> {
  const found = await findContact(input.xero, input.store.id, plan.contact);
  if (found.kind === 'existing') return { contact: { ContactID: found.contactId }, warnings: [] };
  if (found.kind === 'create') {
    return {
      contact: plan.kind === 'invoice' ? found.contact : { Name: found.contact.Name },
      warnings: [`Xero has no contact for this customer yet; the sync will create "${found.contact.Name}"`],
    };
  }
  return {
    contact: { Name: plan.contact.create.Name ?? plan.contact.match.name },
    warnings: [`${found.message}; the sync will fail until one of them is renamed or archived in Xero`],
  };
}

/** A warning per item code the document uses that Xero lacks: created by the sync, or refused by Xero. */
async function previewItems(input: PreviewOrderInput, plan: XeroDocumentPlan): Promise<string[]> {
  const toCreate = new Set(plan.items.map((item) => (item.Code ?? '').toUpperCase()));
  const codes = [...new Set(plan.document.LineItems.flatMap((line) => (line.ItemCode ? [line.ItemCode] : [])))];
  const missing = await missingItems(input.xero, input.store.id, [...plan.items, ...codes.map((Code) => ({ Code }))]);
  const reported = new Set<string>();
  return missing.flatMap(({ Code = '' }) => {
    if (reported.has(Code.toUpperCase())) return [];
    reported.add(Code.toUpperCase());
    return toCreate.has(Code.toUpperCase())
      ? [`Item ${Code} does not exist in Xero yet; the sync will create it`]
      : [
          `Item ${Code} does not exist in Xero and items.createMissing is off; Xero will refuse the line until it exists`,
        ];
  });
}
