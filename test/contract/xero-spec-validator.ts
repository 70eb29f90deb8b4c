import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Ajv from 'ajv';
import type { OpenAPIValidator } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';

/**
 * Validates Xero request and response bodies against the official OpenAPI specification
 * (`xero_accounting.yaml`, OAS 16.1.0) with openapi-backend. The spec is read once per module instance
 * (jest: once per test file) from `XERO_OPENAPI_DIR`, or `../shared/xero-openapi` beside the project root.
 */

/**
 * openapi-backend's entry point requires json-schema-ref-parser, which is ESM-only; jest's CommonJS registry
 * cannot load it on Node 20. Only OpenAPIValidator is used here (on a definition dereferenced synchronously
 * below), so under jest that dependency is replaced by an empty stub; plain Node loads it natively.
 */
if (typeof jest !== 'undefined') {
  const unused = () => Promise.reject(new Error('json-schema-ref-parser is stubbed in this test helper'));
  jest.mock('@apidevtools/json-schema-ref-parser', () => ({
    __esModule: true,
    default: { dereference: unused, resolve: unused, parse: unused },
  }));
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const openapiBackend = require('openapi-backend') as typeof import('openapi-backend');

/** Directory holding xero_accounting.yaml. */
export function xeroSpecDir(): string {
  return process.env.XERO_OPENAPI_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'xero-openapi');
}

/** URI under which the spec's component schemas are registered with Ajv. */
const SCHEMA_BASE = 'xero-accounting';

/**
 * Inlines every local `$ref` except those to component schemas, which are pointed at the copy registered
 * with Ajv. openapi-backend then sees plain parameters, request bodies and responses, while Ajv compiles
 * each (cyclic) component schema once and shares it between operations.
 */
function prepare(doc: Record<string, unknown>): void {
  const lookup = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        doc,
      );
  const seen = new Set<unknown>();
  const walk = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) return { $ref: `${SCHEMA_BASE}${ref}` };
    if (typeof ref === 'string' && ref.startsWith('#/')) return walk(lookup(ref));
    if (seen.has(node)) return node;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) (node as Record<string, unknown>)[key] = walk(value);
    return node;
  };
  walk(doc);
}

let cached: OpenAPIValidator<OpenAPIV3.Document> | undefined;

/** The openapi-backend validator over the accounting spec, built on first use. */
export function xeroSpec(): OpenAPIValidator<OpenAPIV3.Document> {
  if (cached) return cached;
  const file = join(xeroSpecDir(), 'xero_accounting.yaml');
  if (!existsSync(file)) throw new Error(`Xero OpenAPI spec not found at ${file}; set XERO_OPENAPI_DIR`);
  const definition = parse(readFileSync(file, 'utf8')) as OpenAPIV3.Document;
  prepare(definition as unknown as Record<string, unknown>);
  let shared: Ajv | undefined;
  cached = new openapiBackend.OpenAPIValidator<OpenAPIV3.Document>({
    definition,
    lazyCompileValidators: true,
    ajvOpts: { strict: false, validateFormats: false, allErrors: true },
    customizeAjv: (ajv) => {
      if (!shared) {
        shared = ajv;
        shared.addSchema({ $id: SCHEMA_BASE, components: { schemas: definition.components?.schemas ?? {} } });
      }
      return shared;
    },
  });
  return cached;
}

/** Turns Ajv errors into readable `path: message` strings. */
function describe(
  errors: Array<{ instancePath: string; message?: string; params?: unknown }> | null | undefined,
): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'} ${JSON.stringify(e.params ?? {})}`,
  );
}

/** Validates a request body against the operation's requestBody schema; returns error strings (empty when valid). */
export function validateXeroRequestBody(operationId: string, body: unknown): string[] {
  const spec = xeroSpec();
  const operation = spec.router.getOperation(operationId);
  if (!operation) return [`unknown operationId ${operationId}`];
  if (!operation.requestBody) return [`operation ${operationId} has no request body in the spec`];
  const [validateBody] = spec.getRequestValidatorsForOperation(operationId) ?? [];
  if (!validateBody) return [`no request body validator for ${operationId}`];
  validateBody({ requestBody: body });
  return describe(validateBody.errors).map((e) => e.replace(/^\/requestBody/, '') || '/');
}

/** Validates a response body against the operation's schema for that status; returns error strings. */
export function validateXeroResponseBody(operationId: string, status: number, body: unknown): string[] {
  const spec = xeroSpec();
  const operation = spec.router.getOperation(operationId);
  if (!operation) return [`unknown operationId ${operationId}`];
  const responses = operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>;
  const declared = responses[String(status)] ?? responses.default;
  if (!declared) return [`operation ${operationId} declares no ${status} response`];
  if (!declared.content?.['application/json']?.schema) return [`operation ${operationId} ${status} has no JSON schema`];
  return describe(spec.validateResponse(body, operationId, status).errors);
}
