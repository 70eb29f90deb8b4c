/** The request and response values that flow between the HTTP server and the sandbox's handlers. */

/** A parsed incoming request; header names are lower-case, query keys keep their spelling. */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
  /** Path parameters captured by the router. */
  params: Record<string, string>;
}

/** A complete response as a value, so it can be cached for idempotent replays. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A JSON response with the given status. */
export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** A plain-text response with the given status. */
export function textResponse(status: number, text: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: text };
}

/** Reads a query parameter by name, ignoring case (Xero accepts `IDs`, `ids`, `unitdp`, `UnitDP`, …). */
export function queryParam(req: SandboxRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of req.query) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/** A boolean query parameter (`true`/`false`, any case); undefined when absent. */
export function queryBool(req: SandboxRequest, name: string): boolean | undefined {
  const raw = queryParam(req, name);
  if (raw === undefined) return undefined;
  return raw.toLowerCase() === 'true';
}
