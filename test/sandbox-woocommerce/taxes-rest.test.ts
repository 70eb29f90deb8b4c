import { startHarness, type Harness } from './support/receiver';

// `GET /taxes` as reference §5 describes it: the rate table, paged like every collection.
const CANADA = [
  { id: 1, rate: 5, name: 'GST', country: 'CA', priority: 1 },
  { id: 2, rate: 9.975, name: 'QST', country: 'CA', state: 'QC', priority: 2, compound: true },
  { id: 3, rate: 13, name: 'HST', country: 'CA', state: 'ON', priority: 1 },
  { id: 4, rate: 0, name: 'Zero', country: 'CA', taxClass: 'zero-rate' },
];

describe('tax rates on the REST API (reference §5)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ taxRates: CANADA, baseLocation: { country: 'CA', state: 'QC' } });
  });
  afterAll(() => h.woo.close());

  it('lists every class by default, rate as a 4-decimal string and the standard class as "standard"', async () => {
    const res = await h.api('/taxes');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-wp-total')).toBe('4');
    expect(res.headers.get('x-wp-totalpages')).toBe('1');
    const body = (await res.json()) as Array<Record<string, unknown>>;
    expect(body.map((rate) => rate.id)).toEqual([1, 2, 3, 4]);
    expect(body[1]).toEqual({
      id: 2,
      country: 'CA',
      state: 'QC',
      postcode: '',
      city: '',
      postcodes: [],
      cities: [],
      rate: '9.9750',
      name: 'QST',
      priority: 2,
      compound: true,
      shipping: true,
      order: 1,
      class: 'standard',
    });
    expect(body[3]).toMatchObject({ rate: '0.0000', class: 'zero-rate' });
  });

  it('pages with per_page and page, with X-WP-Total and X-WP-TotalPages', async () => {
    const first = await h.api('/taxes?per_page=3');
    const second = await h.api('/taxes?per_page=3&page=2');
    expect(first.headers.get('x-wp-totalpages')).toBe('2');
    expect(((await first.json()) as unknown[]).length).toBe(3);
    expect(((await second.json()) as Array<{ id: number }>).map((rate) => rate.id)).toEqual([4]);
    expect(first.headers.get('link')).toContain('rel="next"');
  });

  it('filters by class and refuses an unknown class or page size', async () => {
    const zero = (await (await h.api('/taxes?class=zero-rate')).json()) as Array<{ id: number }>;
    expect(zero.map((rate) => rate.id)).toEqual([4]);
    expect((await h.api('/taxes?class=luxury')).status).toBe(400);
    expect((await h.api('/taxes?per_page=101')).status).toBe(400);
  });

  it('reads one rate, and 404s an unknown id', async () => {
    expect(await (await h.api('/taxes/3')).json()).toMatchObject({ id: 3, rate: '13.0000', state: 'ON' });
    const missing = await h.api('/taxes/99');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'woocommerce_rest_invalid_id' });
  });
});
