import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '../net/public-address';

/** Resolves a host name to all its addresses. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** Resolves with the system resolver (as connecting does), every address, v4 and v6. */
export const resolveHost: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** The host of a URL as compared with DEV_STORE_HOSTS and resolved: lower case, IPv6 without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** Whether the development setting DEV_STORE_HOSTS names this URL's host (http and any address allowed). */
export function isDevStoreHost(url: URL, devHosts: readonly string[]): boolean {
  const host = hostOf(url);
  return devHosts.some((allowed) => allowed.toLowerCase().replace(/^\[(.*)\]$/, '$1') === host);
}

const PRIVATE = 'must point at a public internet address, not a private, loopback or link-local one';

/**
 * What is wrong with a store URL before any DNS: plain http, or an address literal (any numeric form, as the URL
 * parser normalises them) that is not public. Undefined when fine or when the host is a development host.
 */
export function storeUrlProblem(url: URL, devHosts: readonly string[]): string | undefined {
  if (isDevStoreHost(url, devHosts)) return undefined;
  if (url.protocol !== 'https:') return 'must use https';
  const host = hostOf(url);
  if (isIP(host) !== 0 && !isPublicAddress(host)) return PRIVATE;
  return undefined;
}

/** Checks a store URL as registration does: storeUrlProblem, then every address its host resolves to. */
export async function checkStoreUrl(
  url: URL,
  devHosts: readonly string[],
  resolve: ResolveHost = resolveHost,
): Promise<string | undefined> {
  const problem = storeUrlProblem(url, devHosts);
  if (problem || isDevStoreHost(url, devHosts) || isIP(hostOf(url)) !== 0) return problem;
  let addresses: string[];
  try {
    addresses = await resolve(hostOf(url));
  } catch {
    return 'has a host name that could not be resolved';
  }
  return addresses.length > 0 && addresses.every(isPublicAddress) ? undefined : PRIVATE;
}
