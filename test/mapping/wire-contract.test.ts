import { mapOrderToXero, mappingSettingsSchema } from '../../lib/mapping';
import { validateXeroRequestBody } from '../contract/xero-spec-validator';
import { handBuiltOrder, mappingContext } from './fixtures';

// The plan's wire bodies, as the activities send them, against the official Xero OpenAPI specification.
describe('mapping output against the Xero OpenAPI spec', () => {
  const contactId = '3ff6d40c-af9a-40a3-89ce-3c1556a25591';

  it.each(['invoice', 'quote'] as const)(
    'a %s plan gives valid Contacts, Items and document bodies',
    (documentType) => {
      const order = { ...handBuiltOrder(), total: '70.96' }; // forces a rounding line
      const settings = mappingSettingsSchema.parse({ documentType, taxes: { taxed: 'GST10' } });
      const plan = mapOrderToXero(order, settings, mappingContext());
      const document = { ...plan.document, Contact: { ContactID: contactId } };
      const operation = documentType === 'invoice' ? 'createInvoices' : 'createQuotes';
      const key = documentType === 'invoice' ? 'Invoices' : 'Quotes';
      expect(validateXeroRequestBody(operation, { [key]: [document] })).toEqual([]);
      expect(validateXeroRequestBody(operation, { [key]: [{ ...document, Status: 'BOGUS' }] })).not.toEqual([]);
      expect(validateXeroRequestBody('createContacts', { Contacts: [plan.contact.create] })).toEqual([]);
      expect(validateXeroRequestBody('createItems', { Items: plan.items })).toEqual([]);
    },
  );
});
