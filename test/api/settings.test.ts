import request from 'supertest';
import { defaultMappingSettings } from '../../lib/mapping';
import { buildTestApi, OPERATOR_TOKEN, registerStore, type RegisteredStore, type TestApi } from './harness';

const operator = `Bearer ${OPERATOR_TOKEN}`;

describe('GET and PUT /api/stores/:storeId/settings', () => {
  let api: TestApi;
  let store: RegisteredStore;
  let other: RegisteredStore;

  const path = () => `/api/stores/${store.id}/settings`;
  const bearer = () => `Bearer ${store.apiToken}`;
  const savedVersions = async (storeId = store.id) =>
    (
      await api.db.query<{ version: number }>(
        'SELECT version FROM store_settings WHERE store_id = $1 ORDER BY version',
        [storeId],
      )
    ).map((row) => row.version);

  beforeAll(async () => {
    api = await buildTestApi();
    store = await registerStore(api);
    other = await registerStore(api, 'https://other-shop.example.test');
  });
  afterAll(() => api.close());

  it('shows the defaults as version 0 before anything is saved, and saves nothing', async () => {
    const res = await request(api.app).get(path()).set('Authorization', bearer()).expect(200);
    expect(res.body).toEqual({ version: 0, settings: defaultMappingSettings() });
    expect(res.body.settings).toMatchObject({ numbering: { prefix: 'WC-' }, invoiceStatus: 'AUTHORISED' });
    expect(await savedVersions()).toEqual([]);
  });

  it('saves a valid change as a new version, with defaults filling what was left out', async () => {
    const res = await request(api.app)
      .put(path())
      .set('Authorization', bearer())
      .send({
        numbering: { prefix: 'SHOP-' },
        syncStatuses: ['processing', ' Completed '],
        documentRules: [{ statuses: ['on-hold'], paymentMethods: ['bacs'], documentType: 'quote' }],
        taxes: { byWooRateId: { '1': 'OUTPUT2', '1+2': 'OUTPUT3' } },
      })
      .expect(200);
    const expected = {
      ...defaultMappingSettings(),
      numbering: { ...defaultMappingSettings().numbering, prefix: 'SHOP-' },
      syncStatuses: ['processing', 'completed'],
      documentRules: [{ statuses: ['on-hold'], paymentMethods: ['bacs'], documentType: 'quote' }],
      taxes: { ...defaultMappingSettings().taxes, byWooRateId: { '1': 'OUTPUT2', '1+2': 'OUTPUT3' } },
    };
    expect(res.body).toEqual({ version: 1, settings: expected });
    expect(await savedVersions()).toEqual([1]);
    // The full parsed settings are stored, so version 1 keeps meaning the same even if a default changes later.
    expect(await api.repos.settings.getCurrent(store.id)).toEqual({ version: 1, settings: expected });

    const read = await request(api.app).get(path()).set('Authorization', operator).expect(200);
    expect(read.body).toEqual({ version: 1, settings: expected });
  });

  it('replaces rather than merges: what a PUT leaves out is back to its default', async () => {
    const res = await request(api.app).put(path()).set('Authorization', bearer()).send({ dueDays: 14 }).expect(200);
    expect(res.body.version).toBe(2);
    expect(res.body.settings).toEqual({ ...defaultMappingSettings(), dueDays: 14 });
    expect(await savedVersions()).toEqual([1, 2]);
  });

  it('refuses invalid settings with 400 naming each bad field, and saves nothing', async () => {
    const res = await request(api.app)
      .put(path())
      .set('Authorization', bearer())
      .send({
        invoiceStatus: 'PAID',
        dueDays: -1,
        syncStatuses: [],
        numbering: { onDuplicate: 'overwrite' },
        accounts: { sales: '' },
        taxes: { byWooRateId: { 'rate-1': 'OUTPUT2' } },
        contacts: { matchOrder: ['email', 'phone'] },
        tracking: [{ category: 'Region', source: 'fixed' }],
        reference: 'Order from {store}',
      })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', message: 'The request body is invalid.' });
    const fields = (res.body.error.details.fields as Array<{ in: string; field: string; message: string }>).map(
      (problem) => problem.field,
    );
    expect(fields.sort()).toEqual(
      [
        'invoiceStatus',
        'dueDays',
        'syncStatuses',
        'numbering.onDuplicate',
        'accounts.sales',
        'taxes.byWooRateId.rate-1',
        'contacts.matchOrder.1',
        'tracking.0.option',
        'reference',
      ].sort(),
    );
    expect(res.body.error.details.fields).toEqual(
      expect.arrayContaining([
        { in: 'body', field: 'taxes.byWooRateId.rate-1', message: 'expected a rate id such as "75" or "1+2"' },
        { in: 'body', field: 'syncStatuses', message: 'choose at least one order status to sync' },
        { in: 'body', field: 'numbering.onDuplicate', message: 'expected "fail" or "suffix"' },
        { in: 'body', field: 'tracking.0.option', message: 'a fixed tracking category needs an option' },
      ]),
    );
    expect(await savedVersions()).toEqual([1, 2]);
    const read = await request(api.app).get(path()).set('Authorization', bearer()).expect(200);
    expect(read.body.version).toBe(2);
  });

  it('refuses keys that are not settings (a typo would otherwise be ignored)', async () => {
    const res = await request(api.app)
      .put(path())
      .set('Authorization', bearer())
      .send({
        numbering: { prefx: 'SHOP-' },
        documentRules: [{ documentType: 'quote', status: ['on-hold'] }],
        colour: 1,
      })
      .expect(400);
    expect(res.body.error.details.fields).toEqual([
      { in: 'body', field: 'numbering.prefx', message: 'is not a known setting' },
      { in: 'body', field: 'documentRules.0.status', message: 'is not a known setting' },
      { in: 'body', field: 'colour', message: 'is not a known setting' },
    ]);
    expect(await savedVersions()).toEqual([1, 2]);
  });

  it('refuses a body that is not a JSON object', async () => {
    const missing = await request(api.app).put(path()).set('Authorization', bearer()).expect(400);
    expect(missing.body.error.details.fields).toEqual([
      { in: 'body', field: '(root)', message: 'expected a JSON object' },
    ]);
    const list = await request(api.app).put(path()).set('Authorization', bearer()).send([1]).expect(400);
    expect(list.body.error.code).toBe('validation_failed');
    expect(await savedVersions()).toEqual([1, 2]);
  });

  it('needs this store’s token or the operator token', async () => {
    await request(api.app).get(path()).expect(401);
    await request(api.app).put(path()).send({}).expect(401);
    await request(api.app).get(path()).set('Authorization', `Bearer ${other.apiToken}`).expect(403);
    await request(api.app)
      .put(path())
      .set('Authorization', `Bearer ${other.apiToken}`)
      .send({ numbering: { prefix: 'EVIL-' } })
      .expect(403);
    expect(await savedVersions()).toEqual([1, 2]);

    const byOperator = await request(api.app).put(path()).set('Authorization', operator).send({}).expect(200);
    expect(byOperator.body).toEqual({ version: 3, settings: defaultMappingSettings() });
    expect(await savedVersions(other.id)).toEqual([]);
  });

  it('404 for an unknown store, 405 for other methods', async () => {
    await request(api.app).get('/api/stores/st_unknown/settings').set('Authorization', operator).expect(404);
    await request(api.app).put('/api/stores/st_unknown/settings').set('Authorization', operator).send({}).expect(404);
    const res = await request(api.app).post(path()).set('Authorization', operator).send({}).expect(405);
    expect(res.headers.allow).toBe('GET, PUT, HEAD');
  });
});

describe('settings saved under older rules', () => {
  it('GET answers 422 mapping_error, asking for the settings to be saved again', async () => {
    const api = await buildTestApi();
    try {
      const store = await registerStore(api);
      await api.repos.settings.save(store.id, { invoiceStatus: 'PAID' });
      const res = await request(api.app)
        .get(`/api/stores/${store.id}/settings`)
        .set('Authorization', `Bearer ${store.apiToken}`)
        .expect(422);
      expect(res.body.error).toEqual({
        code: 'mapping_error',
        message: `Store ${store.id} has saved settings (version 1) that are no longer valid; save them again`,
      });
    } finally {
      await api.close();
    }
  });
});
