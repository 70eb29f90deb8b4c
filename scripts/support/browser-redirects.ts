/**
 * Follows a chain of redirects the way a browser does: each hop by hand, keeping the cookies each origin sets
 * (name=value only; enough for the service's connect cookie) and sending them back to that origin.
 */
export async function followAsBrowser(url: string, init: RequestInit = {}, maxHops = 10): Promise<Response> {
  const jar = new Map<string, Map<string, string>>();
  let next = new URL(url);
  let headers = new Headers(init.headers);
  for (let hop = 0; hop <= maxHops; hop++) {
    const cookies = jar.get(next.origin);
    if (cookies?.size) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(next, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = (pair ?? '').indexOf('=');
      if (eq <= 0) continue;
      const origin = jar.get(next.origin) ?? new Map<string, string>();
      origin.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
      jar.set(next.origin, origin);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    const target = new URL(location, next);
    // Like fetch, credentials given for the first origin never travel to another one.
    if (target.origin !== next.origin) headers = new Headers();
    next = target;
  }
  throw new Error(`More than ${maxHops} redirects from ${url}`);
}
