import { createHmac } from 'node:crypto';

/**
 * The fake store's own signer (deliberately independent of lib/woocommerce): WooCommerce keys the HMAC with
 * `wp_specialchars_decode($secret, ENT_QUOTES)`, then sends base64 of the raw SHA-256 HMAC of the body bytes.
 */
export function signDelivery(body: Buffer, secret: string): string {
  return createHmac('sha256', Buffer.from(specialCharsDecode(secret), 'utf8'))
    .update(body)
    .digest('base64');
}

const NUMERIC_REFERENCES: Array<[RegExp, string]> = [
  [/^&#0*39;/, "'"],
  [/^&#x0*27;/i, "'"],
  [/^&#0*34;/, '"'],
  [/^&#x0*22;/i, '"'],
  [/^&#0*60;/, '<'],
  [/^&#0*62;/, '>'],
  [/^&#0*38;/, '&'],
  [/^&#x0*26;/i, '&'],
];

const NAMED_REFERENCES: Array<[string, string]> = [
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
];

/** Scans left to right, replacing each recognised reference once (no re-decoding of the output). */
function specialCharsDecode(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '&') {
      out += text[i++];
      continue;
    }
    const rest = text.slice(i);
    const named = NAMED_REFERENCES.find(([entity]) => rest.startsWith(entity));
    const numeric = named
      ? undefined
      : NUMERIC_REFERENCES.map(([re, ch]) => [re.exec(rest), ch] as const).find(([m]) => m);
    if (named) {
      out += named[1];
      i += named[0].length;
    } else if (numeric && numeric[0]) {
      out += numeric[1];
      i += numeric[0][0].length;
    } else {
      out += '&';
      i += 1;
    }
  }
  return out;
}
