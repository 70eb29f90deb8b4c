import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  decodeWordPressSpecialChars,
  signWooWebhook,
  verifyWooWebhookSignature,
} from '../../lib/woocommerce/webhook-signature';

const body = Buffer.from('{"id":727,"permalink":"https:\\/\\/shop.example\\/","name":"Caf\\u00e9"}', 'utf8');

describe('signWooWebhook', () => {
  it('is base64 HMAC-SHA256 of the raw bytes (44 characters)', () => {
    const expected = createHmac('sha256', 'secret').update(body).digest('base64');
    expect(signWooWebhook(body, 'secret')).toBe(expected);
    expect(signWooWebhook(body, 'secret')).toHaveLength(44);
  });

  it('keys the HMAC with the HTML-entity-decoded secret, as WooCommerce does', () => {
    const decoded = createHmac('sha256', `a&b<c>"d'e`).update(body).digest('base64');
    expect(signWooWebhook(body, 'a&amp;b&lt;c&gt;&quot;d&#039;e')).toBe(decoded);
  });
});

describe('decodeWordPressSpecialChars', () => {
  it.each([
    ['&amp;', '&'],
    ['&lt;&gt;', '<>'],
    ['&quot;&#34;&#x22;&#0034;', '""""'],
    ['&#039;&#39;&#x27;&#X27;&#x0027;', "'''''"],
    ['&#38;&#x26;&#060;&#62;', '&&<>'],
    ['&amp;lt;', '&lt;'],
    ['&AMP;', '&AMP;'],
    ['&nbsp;&eacute;&#233;&#x3c;', '&nbsp;&eacute;&#233;&#x3c;'],
    ['no entities', 'no entities'],
  ])('decodes %j as %j', (input, output) => {
    expect(decodeWordPressSpecialChars(input)).toBe(output);
  });
});

describe('verifyWooWebhookSignature', () => {
  const secret = 'k2&amp;P_s3cr3t';
  const good = signWooWebhook(body, secret);

  it('accepts the signature of the exact bytes', () => {
    expect(verifyWooWebhookSignature(body, secret, good)).toBe(true);
  });

  it('rejects a missing, empty, truncated or foreign signature', () => {
    expect(verifyWooWebhookSignature(body, secret, undefined)).toBe(false);
    expect(verifyWooWebhookSignature(body, secret, '')).toBe(false);
    expect(verifyWooWebhookSignature(body, secret, good.slice(0, 20))).toBe(false);
    expect(verifyWooWebhookSignature(body, 'other-secret', good)).toBe(false);
    expect(verifyWooWebhookSignature(body, secret, createHmac('sha256', secret).update(body).digest('base64'))).toBe(
      false,
    );
  });

  it('rejects the same JSON re-serialised (signatures cover bytes, not values)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))), 'utf8');
    expect(verifyWooWebhookSignature(reserialised, secret, good)).toBe(false);
  });

  it('accepts its own signatures and rejects any single-byte change (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.string(), fc.nat(), (bytes, key, at) => {
        const raw = Buffer.from(bytes);
        const signature = signWooWebhook(raw, key);
        const tampered = Buffer.from(raw);
        tampered[at % raw.length] ^= 0x01;
        return verifyWooWebhookSignature(raw, key, signature) && !verifyWooWebhookSignature(tampered, key, signature);
      }),
    );
  });
});
