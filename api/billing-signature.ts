import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may lie from the server's clock, either way (replays beyond it are refused). */
export const BILLING_SIGNATURE_TOLERANCE_SECONDS = 300;

/** The header the billing provider signs its events in: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const BILLING_SIGNATURE_HEADER = 'Billing-Signature';

/** Why a signature was refused (never which bytes differed). */
export type BillingSignatureRefusal = 'missing' | 'malformed' | 'expired' | 'mismatch';

/** The hex HMAC-SHA256 of `timestamp.rawBody` under `secret`. */
export function signBillingPayload(secret: string, timestamp: number, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** A complete `Billing-Signature` header for `rawBody` signed at `timestamp` (unix seconds): what the provider sends. */
export function billingSignatureHeader(secret: string, rawBody: Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${signBillingPayload(secret, timestamp, rawBody)}`;
}

/** The header's timestamp and v1 signatures, or null when it is not `t=<digits>,v1=<64 hex>[,v1=…]`. */
export function parseBillingSignatureHeader(header: string): { timestamp: number; signatures: Buffer[] } | null {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) return null;
    if (key === 't' && /^\d{1,12}$/.test(value) && timestamp === undefined) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
    else if (key === 't' || key === 'v1') return null;
    // Other schemes (v0, a future v2) are ignored, as providers add them alongside v1.
  }
  if (timestamp === undefined || signatures.length === 0 || signatures.length > 8) return null;
  return { timestamp, signatures };
}

/** A header that parsed and whose timestamp is within the tolerance: what remains is to compare it with the body. */
export interface TimelySignature {
  timestamp: number;
  signatures: Buffer[];
}

/** Reads a `Billing-Signature` header and checks its timestamp at `nowSeconds`; needs no body, so runs first. */
export function checkBillingSignatureHeader(
  header: string | undefined,
  nowSeconds: number,
): { ok: true; signature: TimelySignature } | { ok: false; refusal: Exclude<BillingSignatureRefusal, 'mismatch'> } {
  if (header === undefined || header.trim() === '') return { ok: false, refusal: 'missing' };
  const parsed = parseBillingSignatureHeader(header);
  if (parsed === null) return { ok: false, refusal: 'malformed' };
  if (Math.abs(nowSeconds - parsed.timestamp) > BILLING_SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, refusal: 'expired' };
  }
  return { ok: true, signature: parsed };
}

/** True when any v1 signature is ours over the raw body, each compared in constant time (several allow rotation). */
export function billingSignatureMatches(signature: TimelySignature, rawBody: Buffer, secret: string): boolean {
  const expected = Buffer.from(signBillingPayload(secret, signature.timestamp, rawBody), 'hex');
  // Every candidate is compared, so the time taken does not say which one (if any) matched.
  const matches = signature.signatures.map((given) => timingSafeEqual(given, expected));
  return matches.includes(true);
}

/** Checks a whole `Billing-Signature` header over the raw body bytes at `nowSeconds`. */
export function verifyBillingSignature(
  header: string | undefined,
  rawBody: Buffer,
  secret: string,
  nowSeconds: number,
): { ok: true } | { ok: false; refusal: BillingSignatureRefusal } {
  const checked = checkBillingSignatureHeader(header, nowSeconds);
  if (!checked.ok) return checked;
  return billingSignatureMatches(checked.signature, rawBody, secret)
    ? { ok: true }
    : { ok: false, refusal: 'mismatch' };
}
