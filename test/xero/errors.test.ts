import { ApplicationFailure } from '@temporalio/common';
import { AccountingApi } from 'xero-node';
import {
  XeroForbiddenError,
  XeroNotFoundError,
  XeroRateLimitError,
  XeroTransientError,
  XeroUnauthorizedError,
  XeroValidationError,
  classifyXeroError,
} from '../../lib/xero/errors';
import { toFailure } from '../../activities/failures';
import { type ScriptedResponse, type ScriptedServer, json, startScriptedServer } from './support/scripted-server';

const TOKEN = 'secret-access-token-do-not-leak';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** Makes a real xero-node call against the scripted answer and returns what it rejected with, classified. */
async function rejectionFor(answer: ScriptedResponse): Promise<Error> {
  server.enqueue(answer);
  const api = new AccountingApi(`${server.origin}/api.xro/2.0`);
  api.accessToken = TOKEN;
  const rejected: unknown = await api.getInvoices('tenant-1').then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
  expect(typeof rejected).toBe('string'); // xero-node rejects with a JSON string, not an Error
  return classifyXeroError(rejected);
}

const validationBody = {
  ErrorNumber: 10,
  Type: 'ValidationException',
  Message: 'A validation exception occurred',
  Elements: [
    {
      InvoiceNumber: 'W-1',
      LineItems: [{ Description: 'x', ValidationErrors: [{ Message: 'Account code 999 is not valid.' }] }],
      ValidationErrors: [{ Message: 'Invoice # must be unique.' }],
    },
  ],
};

describe('classifyXeroError on real xero-node rejections', () => {
  it('turns a 400 ValidationException into a non-retryable validation error carrying every Xero message', async () => {
    const err = await rejectionFor(json(400, validationBody, { 'xero-correlation-id': 'corr-1' }));
    expect(err).toBeInstanceOf(XeroValidationError);
    const validation = err as XeroValidationError;
    expect(validation.messages).toEqual(['Invoice # must be unique.', 'Account code 999 is not valid.']);
    expect(validation.retryable).toBe(false);
    expect(validation.xeroType).toBe('ValidationException');
    expect(validation.correlationId).toBe('corr-1');
    expect(validation.message).toContain('Invoice # must be unique.');
  });

  it('keeps the top-level message of a 400 without elements (idempotency key mismatch)', async () => {
    const err = await rejectionFor(json(400, { Message: 'Idempotency Key: k1 is used with a different request.' }));
    expect((err as XeroValidationError).messages).toEqual(['Idempotency Key: k1 is used with a different request.']);
  });

  it('classifies 401, 403 and an empty text/html 404', async () => {
    const unauthorized = await rejectionFor(
      json(401, { title: 'Unauthorized', status: 401, detail: 'AuthenticationUnsuccessful' }),
    );
    expect(unauthorized).toBeInstanceOf(XeroUnauthorizedError);
    const forbidden = await rejectionFor(
      json(403, { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' }),
    );
    expect(forbidden).toBeInstanceOf(XeroForbiddenError);
    expect(forbidden.message).toContain('GET /api.xro/2.0/Invoices');
    expect((forbidden as XeroForbiddenError).retryable).toBe(false);
    const notFound = await rejectionFor({ status: 404, body: '', headers: { 'content-type': 'text/html' } });
    expect(notFound).toBeInstanceOf(XeroNotFoundError);
    expect((notFound as XeroNotFoundError).retryable).toBe(false);
  });

  it('reads Retry-After and X-Rate-Limit-Problem from a 429', async () => {
    const err = await rejectionFor({
      status: 429,
      body: '',
      headers: { 'retry-after': '17', 'x-rate-limit-problem': 'minute' },
    });
    expect(err).toBeInstanceOf(XeroRateLimitError);
    expect((err as XeroRateLimitError).retryAfterMs).toBe(17_000);
    expect((err as XeroRateLimitError).problem).toBe('minute');
  });

  it('treats a plain-text 503 and a dropped connection as transient', async () => {
    const offline = await rejectionFor({
      status: 503,
      body: 'The Xero API is temporarily unavailable',
      headers: { 'content-type': 'text/plain' },
    });
    expect(offline).toBeInstanceOf(XeroTransientError);
    expect((offline as XeroTransientError).statusCode).toBe(503);
    const dropped = await rejectionFor({ hangUp: true });
    expect(dropped).toBeInstanceOf(XeroTransientError);
    expect((dropped as XeroTransientError).noResponse).toBe(true);
  });

  it('never puts the bearer token into a message', async () => {
    const errors = [
      await rejectionFor(json(400, validationBody)),
      await rejectionFor(json(401, {})),
      await rejectionFor({ status: 500, body: 'boom' }),
      await rejectionFor({ hangUp: true }),
    ];
    for (const err of errors) {
      expect(err.message).not.toContain(TOKEN);
      expect(JSON.stringify(toFailure(err))).not.toContain(TOKEN);
    }
  });
});

describe('classifyXeroError on fetch failures', () => {
  it('classifies a fetch network failure and a timeout as transient without a response', () => {
    expect(classifyXeroError(new TypeError('fetch failed'))).toBeInstanceOf(XeroTransientError);
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const classified = classifyXeroError(timeout, 'the Xero token refresh');
    expect(classified).toBeInstanceOf(XeroTransientError);
    expect(classified.message).toBe('No response from Xero for the Xero token refresh: timed out');
  });

  it('returns unrecognised errors unchanged', () => {
    const bug = new RangeError('a programming error');
    expect(classifyXeroError(bug)).toBe(bug);
  });
});

describe('toFailure', () => {
  it('makes validation errors non-retryable with type XeroValidationError and the Xero messages', () => {
    const failure = toFailure(new XeroValidationError(['Invoice # must be unique.']));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('XeroValidationError');
    expect(failure.message).toBe('Xero rejected the request: Invoice # must be unique.');
    expect(failure.details).toEqual([{ messages: ['Invoice # must be unique.'], correlationId: undefined }]);
  });

  it('makes a 429 retryable after Retry-After', () => {
    const failure = toFailure(new XeroRateLimitError(30_000, 'minute'));
    expect(failure.nonRetryable).toBe(false);
    expect(failure.type).toBe('XeroRateLimitError');
    expect(failure.nextRetryDelay).toBe(30_000);
  });

  it('keeps configuration problems non-retryable and transient ones retryable', () => {
    expect(toFailure(new XeroForbiddenError('GET /Invoices')).nonRetryable).toBe(true);
    expect(toFailure(new XeroNotFoundError('GET /Invoices/x')).nonRetryable).toBe(true);
    const transient = toFailure(new XeroTransientError('Xero answered HTTP 500', 500));
    expect(transient.nonRetryable).toBe(false);
    expect(transient.type).toBe('XeroTransientError');
  });

  it('classifies a raw xero-node rejection string before converting it', () => {
    const raw = JSON.stringify({ response: { statusCode: 400, body: validationBody, headers: {} } });
    const failure = toFailure(raw);
    expect(failure.type).toBe('XeroValidationError');
    expect(failure.nonRetryable).toBe(true);
  });

  it('passes an existing ApplicationFailure through', () => {
    const original = ApplicationFailure.nonRetryable('already converted', 'Other');
    expect(toFailure(original)).toBe(original);
  });
});
