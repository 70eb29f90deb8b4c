import { equals, parseDecimal } from '../../lib/mapping/decimal';
import { mapOrderToXero, mappingSettingsSchema, shouldSync, type XeroDocumentPlan } from '../../lib/mapping';
import type { WooOrder } from '../../lib/woocommerce/order-schema';
import { validateXeroRequestBody } from '../contract/xero-spec-validator';
import { CORPUS, type CorpusCase } from './corpus/orders';
import { CORPUS_RATE_MAP, CorpusStore, NZ_STORE, type StoreProfile } from './corpus/woo-store';
import { CorpusXero } from './corpus/xero-org';

// The golden corpus: orders priced by the WooCommerce sandbox's own calculator, mapped, checked against the Xero
// OpenAPI spec, created in the Xero sandbox, and compared with what Xero computed.

const PLACEHOLDER_CONTACT = { ContactID: '3ff6d40c-af9a-40a3-89ce-3c1556a25591' };

const stores = new Map<string, CorpusStore>();
function storeFor(profile: StoreProfile): CorpusStore {
  const key = JSON.stringify(profile);
  const store = stores.get(key) ?? new CorpusStore(profile);
  stores.set(key, store);
  return store;
}

function specErrors(plan: XeroDocumentPlan): string[] {
  const [operation, key] = plan.kind === 'invoice' ? ['createInvoices', 'Invoices'] : ['createQuotes', 'Quotes'];
  return [
    ...validateXeroRequestBody(operation, { [key]: [{ ...plan.document, Contact: PLACEHOLDER_CONTACT }] }),
    ...validateXeroRequestBody('createContacts', { Contacts: [plan.contact.create] }),
    ...(plan.items.length > 0 ? validateXeroRequestBody('createItems', { Items: plan.items }) : []),
  ];
}

describe('golden corpus: WooCommerce orders → Xero documents equal to the cent', () => {
  let xero: CorpusXero;
  beforeAll(async () => {
    validateXeroRequestBody('createContacts', { Contacts: [] }); // compile the spec before any socket is open
    xero = await CorpusXero.start();
  });
  afterAll(() => xero.close());

  it('has at least 40 orders', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS.map((c): [string, CorpusCase] => [c.name, c]))('%s', async (_name, corpusCase) => {
    const order: WooOrder = storeFor(corpusCase.profile ?? NZ_STORE).order(
      corpusCase.order(storeFor(corpusCase.profile ?? NZ_STORE)),
    );
    const input = corpusCase.settings ?? {};
    const settings = mappingSettingsSchema.parse({
      ...input,
      taxes: { byWooRateId: CORPUS_RATE_MAP, ...input.taxes },
    });
    expect(shouldSync(order, settings)).toBeUndefined();
    const ctx = await xero.context(corpusCase.categories ? { productCategories: corpusCase.categories(order) } : {});
    const plan = mapOrderToXero(order, settings, ctx);

    expect(equals(parseDecimal(plan.computed.total), parseDecimal(plan.expectedTotal))).toBe(true);
    if ((order.total.split('.')[1]?.length ?? 0) <= 2) {
      expect(equals(parseDecimal(plan.expectedTotal), parseDecimal(order.total))).toBe(true);
    }
    expect(specErrors(plan)).toEqual([]);
    corpusCase.check?.(plan, order);

    const created = await xero.push(plan);
    expect(created.errors).toEqual([]);
    expect(created.status).toBe(200);
    expect(equals(parseDecimal(String(created.body.Total)), parseDecimal(plan.expectedTotal))).toBe(true);
    expect(String(created.body.TotalTax)).toBe(String(Number(plan.computed.totalTax)));
  });
});
