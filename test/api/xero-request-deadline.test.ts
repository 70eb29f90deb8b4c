import express from 'express';
import request from 'supertest';
import { ApiError } from '../../api/errors';
import { xeroReadFailure } from '../../api/sync-failures';
import { xeroRequestDeadline } from '../../api/xero-request-deadline';
import { XeroCapacityWaitError } from '../../lib/xero/errors';
import { currentRequestDeadline } from '../../lib/xero/request-deadline';

describe('the Xero deadline of an API request', () => {
  it('bounds every Xero call a route makes, across awaits', async () => {
    const app = express();
    app.use(xeroRequestDeadline(5_000));
    app.get('/x', async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const deadline = currentRequestDeadline();
      res.json({ leftMs: deadline === undefined ? null : deadline - Date.now() });
    });
    const res = await request(app).get('/x').expect(200);
    expect(res.body.leftMs).toBeGreaterThan(0);
    expect(res.body.leftMs).toBeLessThanOrEqual(5_000);
  });

  it('turns a wait for Xero capacity beyond it into 503 xero_rate_limited with Retry-After', () => {
    let thrown: unknown;
    try {
      xeroReadFailure(new XeroCapacityWaitError('minute', 12_300));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 503, code: 'xero_rate_limited', headers: { 'Retry-After': '13' } });
    expect((thrown as ApiError).message).toMatch(/^Waiting for Xero capacity \(minute limit\).*try again later\.$/);
  });
});
