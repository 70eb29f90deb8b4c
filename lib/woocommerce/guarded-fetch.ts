import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from '../net/public-address';
import { hostOf, isDevStoreHost } from './store-url-policy';

/** Raised before connecting when the store's host is, or resolves to, an address that is not public. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  constructor() {
    super('The store URL does not point at a public internet address.');
  }
}

/** A DNS lookup that refuses names with any non-public address, right before the socket connects to it. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (addresses.length === 0 || !addresses.every((a) => isPublicAddress(a.address))) {
      return callback(Object.assign(new BlockedAddressError(), { code: 'EBLOCKED' }), '', 0);
    }
    if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * A fetch for store requests that connects only to public addresses (checked on the resolved address, so DNS
 * rebinding cannot slip past a check made earlier), except for the development hosts. Redirects are not followed.
 */
export function createGuardedFetch(devHosts: readonly string[]): typeof fetch {
  return ((input: string | URL, init: RequestInit = {}) => {
    const url = new URL(input.toString());
    const dev = isDevStoreHost(url, devHosts);
    const host = hostOf(url);
    if (!dev && isIP(host) !== 0 && !isPublicAddress(host)) return Promise.reject(new BlockedAddressError());
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          signal: init.signal ?? undefined,
          ...(dev ? {} : { lookup: publicOnlyLookup }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const status = response.statusCode ?? 500;
            const empty = status === 204 || status === 205 || status === 304;
            resolve(
              new Response(empty ? null : Buffer.concat(chunks), {
                status,
                statusText: response.statusMessage,
                headers: toHeaders(response.headers),
              }),
            );
          });
        },
      );
      request.on('error', (error) => reject(error instanceof BlockedAddressError ? new BlockedAddressError() : error));
      if (typeof init.body === 'string') request.write(init.body);
      request.end();
    });
  }) as typeof fetch;
}
