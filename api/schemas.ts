import { z } from 'zod';

/** A store id as issued by the store repository (opaque, URL-safe). */
export const storeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a store id such as st_abc123');

/** A WooCommerce order id: a positive integer, given in a path as digits. */
export const orderIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, 'must be a positive integer')
  .transform(Number);

/** Path parameters of every store-scoped route. */
export const storeParamsSchema = z.object({ storeId: storeIdSchema });

/** A required, non-blank string field of at most `max` characters, with plain messages. */
export function requiredText(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
}

/** An http(s) base URL without credentials, query or fragment; trailing slashes removed. */
export const baseUrlSchema = z
  .url({
    protocol: /^https?$/,
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be an http or https URL'),
  })
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  }, 'must not contain credentials, a query or a fragment')
  .transform((value) => value.replace(/\/+$/, ''));
