import { wooOrderSchema } from '../../lib/woocommerce/order-schema';
import { simpleOrder, startHarness, type Harness, wpError } from './support/receiver';

describe('orders over REST: list parameters, pagination, updates, trash (reference §2)', () => {
  let h: Harness;
  let clock = new Date('2025-03-01T00:00:00Z');
  const ids: number[] = [];
  beforeAll(async () => {
    h = await startHarness({ utcOffsetMinutes: 780, now: () => clock });
    const statuses = ['processing', 'completed', 'pending', 'processing', 'on-hold', 'completed', 'processing'];
    for (const [index, status] of statuses.entries()) {
      clock = new Date(Date.UTC(2025, 2, 1, index));
      ids.push(h.woo.orders.create({ ...simpleOrder, status }).id);
    }
  });
  afterAll(() => h.woo.close());

  it('paginates with X-WP-Total, X-WP-TotalPages and prev/next Link headers that keep the query', async () => {
    const res = await h.api('/orders?per_page=3&page=2&order=asc');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-wp-total')).toBe('7');
    expect(res.headers.get('x-wp-totalpages')).toBe('3');
    const link = res.headers.get('link') ?? '';
    expect(link).toContain('rel="prev"');
    expect(link).toContain('rel="next"');
    expect(link).not.toMatch(/rel="(first|last)"/);
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? '';
    expect(Object.fromEntries(new URL(next).searchParams)).toEqual({ per_page: '3', page: '3', order: 'asc' });
    const body = (await res.json()) as Array<{ id: number }>;
    expect(body.map((o) => o.id)).toEqual(ids.slice(3, 6));

    const past = await h.api('/orders?per_page=3&page=9');
    expect(await past.json()).toEqual([]);
    expect(past.headers.get('x-wp-total')).toBe('7');
  });

  it('defaults to 10 per page, newest first, and rejects per_page outside 1..100 with rest_invalid_param', async () => {
    const res = await h.api('/orders');
    const body = (await res.json()) as Array<{ id: number }>;
    expect(body.map((o) => o.id)).toEqual([...ids].reverse());
    expect(res.headers.get('link')).toBeNull();
    for (const perPage of ['101', '0']) {
      const bad = await h.api(`/orders?per_page=${perPage}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): per_page',
        data: {
          status: 400,
          params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
          details: {
            per_page: {
              code: 'rest_out_of_bounds',
              message: 'per_page must be between 1 (inclusive) and 100 (inclusive)',
              data: null,
            },
          },
        },
      });
    }
    expect((await h.api('/orders?per_page=100')).status).toBe(200);
    const bad = await h.api('/orders?page=x&after=2025-03-01');
    expect((await wpError(bad)).message).toBe('Invalid parameter(s): page, after');
  });

  it('filters by a comma-separated status list', async () => {
    const res = await h.api('/orders?status=completed,on-hold&order=asc');
    const body = (await res.json()) as Array<{ id: number; status: string }>;
    expect(body.map((o) => o.status)).toEqual(['completed', 'on-hold', 'completed']);
    const bad = await h.api('/orders?status=shipped');
    expect(bad.status).toBe(400);
  });

  it('compares dates exclusively, in site time unless dates_are_gmt=true', async () => {
    // Order 3 was created 03:00 UTC = 16:00 site time (UTC+13).
    const gmt = await h.api('/orders?after=2025-03-01T02:00:00&dates_are_gmt=true&order=asc');
    expect(((await gmt.json()) as Array<{ id: number }>).map((o) => o.id)).toEqual(ids.slice(3));
    const local = await h.api('/orders?after=2025-03-01T15:00:00&order=asc');
    expect(((await local.json()) as Array<{ id: number }>).map((o) => o.id)).toEqual(ids.slice(3));
    const before = await h.api('/orders?before=2025-03-01T01:00:00&dates_are_gmt=true');
    expect(((await before.json()) as Array<{ id: number }>).map((o) => o.id)).toEqual([ids[0]]);
    const first = h.woo.orders.get(ids[0]);
    expect(first).toMatchObject({ date_created: '2025-03-01T13:00:00', date_created_gmt: '2025-03-01T00:00:00' });
  });

  it('upserts meta_data with PUT by key, bumps date_modified, and serves modified_after', async () => {
    clock = new Date('2025-03-02T10:00:00Z');
    const target = ids[1];
    const first = await h.api(`/orders/${target}`, {
      method: 'PUT',
      body: {
        meta_data: [
          { key: 'xero_invoice_id', value: 'INV-1' },
          { key: 'other', value: 1 },
        ],
      },
    });
    expect(first.status).toBe(200);
    const second = await h.api(`/orders/${target}`, {
      method: 'PUT',
      body: { meta_data: [{ key: 'xero_invoice_id', value: 'INV-2' }] },
    });
    const order = (await second.json()) as {
      meta_data: Array<{ key: string; value: unknown }>;
      date_modified_gmt: string;
    };
    expect(order.meta_data.map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'xero_invoice_id', value: 'INV-2' },
      { key: 'other', value: 1 },
    ]);
    expect(order.date_modified_gmt).toBe('2025-03-02T10:00:00');
    const modified = await h.api('/orders?modified_after=2025-03-02T09:59:59&dates_are_gmt=true');
    expect(((await modified.json()) as Array<{ id: number }>).map((o) => o.id)).toEqual([target]);
    // An offset is converted to site time by WordPress even when comparing GMT columns.
    const withOffset = await h.api('/orders?modified_after=2025-03-02T09:59:59Z&dates_are_gmt=true');
    expect(await withOffset.json()).toEqual([]);
  });

  it('trashes on DELETE (410 the second time), hides trash from "any", and force-deletes', async () => {
    const target = ids[2];
    const trashed = await h.api(`/orders/${target}`, { method: 'DELETE' });
    expect(((await trashed.json()) as { status: string }).status).toBe('trash');
    const again = await h.api(`/orders/${target}`, { method: 'DELETE' });
    expect(again.status).toBe(410);
    expect((await wpError(again)).code).toBe('woocommerce_rest_already_trashed');
    const listed = (await (await h.api('/orders?per_page=100')).json()) as Array<{ id: number }>;
    expect(listed.map((o) => o.id)).not.toContain(target);
    const inTrash = (await (await h.api('/orders?status=trash')).json()) as Array<{ id: number }>;
    expect(inTrash.map((o) => o.id)).toEqual([target]);
    expect((await h.api(`/orders/${target}?force=true`, { method: 'DELETE' })).status).toBe(200);
    expect((await h.api(`/orders/${target}`)).status).toBe(404);
  });

  it('serves view-context orders that validate, honours ?dp=, and leaves view-only coupon fields out of PUT', async () => {
    const id = h.woo.orders.create({
      ...simpleOrder,
      coupons: [{ code: 'TEN', discountType: 'percent', amount: 10 }],
    }).id;
    const view = (await (await h.api(`/orders/${id}`)).json()) as Record<string, unknown>;
    expect(wooOrderSchema.safeParse(view).success).toBe(true);
    expect(view._links).toEqual({
      self: [{ href: `${h.woo.url}/wp-json/wc/v3/orders/${id}` }],
      collection: [{ href: `${h.woo.url}/wp-json/wc/v3/orders` }],
    });
    expect((view.coupon_lines as object[])[0]).toHaveProperty('discount_type', 'percent');
    const dp3 = (await (await h.api(`/orders/${id}?dp=3`)).json()) as { total: string };
    expect(dp3.total).toMatch(/^\d+\.\d{3}$/);
    const edit = (await (await h.api(`/orders/${id}`, { method: 'PUT', body: {} })).json()) as Record<string, unknown>;
    expect((edit.coupon_lines as object[])[0]).not.toHaveProperty('discount_type');
  });

  it('sends PHP-style JSON bytes: escaped slashes and \\u escapes', async () => {
    const id = h.woo.orders.create({ ...simpleOrder, customerNote: 'Café / ₿ 😀' }).id;
    const text = await (await h.api(`/orders/${id}`)).text();
    expect(text).toContain('"customer_note":"Caf\\u00e9 \\/ \\u20bf \\ud83d\\ude00"');
    expect(text).toContain('"href":"http:\\/\\/127.0.0.1');
    expect([...text].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
  });
});
