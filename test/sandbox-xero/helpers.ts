import { authorizeSandbox, startXeroSandbox, type XeroSandbox, type XeroSandboxOptions } from '../../sandbox/xero';

/** A parsed HTTP answer from the sandbox. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** A started sandbox with a connected app and helpers to call the Accounting API. */
export interface Harness {
  sandbox: XeroSandbox;
  token: string;
  refreshToken: string;
  tenantId: string;
  /** Calls `/api.xro/2.0{path}` with the bearer token and tenant header (overridable). */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
}

/** Sends a request and reads the whole answer. */
export async function send(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Starts a sandbox and completes the OAuth flow with the default scopes. */
export async function startHarness(options: XeroSandboxOptions = {}, scope?: string): Promise<Harness> {
  const sandbox = await startXeroSandbox(options);
  const tokens = await authorizeSandbox(sandbox, { scope });
  const harness: Harness = {
    sandbox,
    token: tokens.access_token,
    refreshToken: tokens.refresh_token ?? '',
    tenantId: sandbox.tenantIds[0],
    call: (method, path, body, headers = {}) =>
      send(`${sandbox.url}/api.xro/2.0${path}`, {
        method,
        headers: {
          authorization: `Bearer ${harness.token}`,
          'xero-tenant-id': harness.tenantId,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
  return harness;
}

/** Creates a contact and returns its ContactID. */
export async function createContact(h: Harness, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.call('PUT', '/Contacts', { Contacts: [{ Name: name, ...extra }] });
  if (res.status !== 200) throw new Error(`createContact failed: ${res.text}`);
  return res.json.Contacts[0].ContactID as string;
}

/** An invoice line on account 200 with OUTPUT2 tax. */
export function salesLine(
  description: string,
  quantity: number,
  unitAmount: number,
  more: Record<string, unknown> = {},
) {
  return {
    Description: description,
    Quantity: quantity,
    UnitAmount: unitAmount,
    AccountCode: '200',
    TaxType: 'OUTPUT2',
    ...more,
  };
}

/** Every ValidationErrors message of a 400 ValidationException's Elements, in order. */
export function validationMessages(answer: Answer): string[] {
  const elements = (answer.json?.Elements ?? []) as Array<{ ValidationErrors?: Array<{ Message: string }> }>;
  return elements.flatMap((e) => (e.ValidationErrors ?? []).map((v) => v.Message));
}
