import { createHmac, timingSafeEqual } from 'node:crypto';

/** WordPress's `wp_specialchars_decode($text, ENT_QUOTES)`: one pass, zero-padded numeric forms included. */
export function decodeWordPressSpecialChars(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(amp|lt|gt|quot|#0*(?:38|60|62|34|39)|#x0*(?:26|22|27));/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (!lower.startsWith('#')) {
      // Named entities are case-sensitive in WordPress's translation table.
      return ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[name] ?? entity;
    }
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return String.fromCharCode(code);
  });
}

/** The `X-WC-Webhook-Signature` WooCommerce sends: base64 HMAC-SHA256 of the raw body, keyed with the decoded secret. */
export function signWooWebhook(rawBody: Buffer, secret: string): string {
  return createHmac('sha256', decodeWordPressSpecialChars(secret)).update(rawBody).digest('base64');
}

/** Timing-safe check of an `X-WC-Webhook-Signature` header against the raw body bytes; false when missing. */
export function verifyWooWebhookSignature(rawBody: Buffer, secret: string, header: string | undefined): boolean {
  if (header === undefined || header === '') return false;
  const expected = Buffer.from(signWooWebhook(rawBody, secret), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}
