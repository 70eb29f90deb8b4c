import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv from 'ajv';
import type { OpenAPIValidator } from 'openapi-backend';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';

/**
 * Validates Xero request and response bodies against the official OpenAPI specification
 * (`xero_accounting.yaml` and `xero-identity.yaml`, OAS 16.1.0) with openapi-backend. Each spec is read once per
 * module instance (jest: once per test file) from the copies in `test/contract/xero-openapi/` (see SOURCE.md there).
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

/** Directory holding the project's copies of xero_accounting.yaml and xero-identity.yaml. */
const SPEC_DIR = join(__dirname, 'xero-openapi');

/**
 * Inlines every local `$ref` except those to component schemas, which are pointed at the copy registered
 * with Ajv under `base`. openapi-backend then sees plain parameters, request bodies and responses, while
 * Ajv compiles each (cyclic) component schema once and shares it between operations.
 */
function prepare(doc: Record<string, unknown>, base: string): void {
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
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) return { $ref: `${base}${ref}` };
    if (typeof ref === 'string' && ref.startsWith('#/')) return walk(lookup(ref));
    if (seen.has(node)) return node;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) (node as Record<string, unknown>)[key] = walk(value);
    return node;
  };
  walk(doc);
}

/** A loaded spec: openapi-backend's validator and the Ajv instance holding its component schemas. */
interface LoadedSpec {
  validator: OpenAPIValidator<OpenAPIV3.Document>;
  ajv: () => Ajv;
  base: string;
}

const loaded = new Map<string, LoadedSpec>();

/** Parses and prepares one spec file on first use (jest: once per test file). */
function load(fileName: string, base: string): LoadedSpec {
  const existing = loaded.get(fileName);
  if (existing) return existing;
  const definition = parse(readFileSync(join(SPEC_DIR, fileName), 'utf8')) as OpenAPIV3.Document;
  prepare(definition as unknown as Record<string, unknown>, base);
  let shared: Ajv | undefined;
  const register = (ajv: Ajv): Ajv => {
    if (!shared) {
      shared = ajv;
      shared.addSchema({ $id: base, components: { schemas: definition.components?.schemas ?? {} } });
    }
    return shared;
  };
  const validator = new openapiBackend.OpenAPIValidator<OpenAPIV3.Document>({
    definition,
    lazyCompileValidators: true,
    ajvOpts: { strict: false, validateFormats: false, allErrors: true },
    customizeAjv: register,
  });
  const spec: LoadedSpec = {
    validator,
    ajv: () => register(validator.getAjv(openapiBackend.ValidationContext.Response)),
    base,
  };
  loaded.set(fileName, spec);
  return spec;
}

/** The openapi-backend validator over the accounting spec (xero_accounting.yaml). */
export function xeroSpec(): OpenAPIValidator<OpenAPIV3.Document> {
  return load('xero_accounting.yaml', 'xero-accounting').validator;
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

/** Validates a response body of an operation of a loaded spec. */
function validateResponse(spec: LoadedSpec, operationId: string, status: number, body: unknown): string[] {
  const operation = spec.validator.router.getOperation(operationId);
  if (!operation) return [`unknown operationId ${operationId}`];
  const responses = operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>;
  const declared = responses[String(status)] ?? responses.default;
  if (!declared) return [`operation ${operationId} declares no ${status} response`];
  if (!declared.content?.['application/json']?.schema) return [`operation ${operationId} ${status} has no JSON schema`];
  return describe(spec.validator.validateResponse(body, operationId, status).errors);
}

/** Validates a response body against the accounting operation's schema for that status; returns error strings. */
export function validateXeroResponseBody(operationId: string, status: number, body: unknown): string[] {
  return validateResponse(load('xero_accounting.yaml', 'xero-accounting'), operationId, status, body);
}

/** Validates an identity-API response (xero-identity.yaml, e.g. getConnections) for that status. */
export function validateXeroIdentityResponseBody(operationId: string, status: number, body: unknown): string[] {
  return validateResponse(load('xero-identity.yaml', 'xero-identity'), operationId, status, body);
}

/** Validates a value against a named component schema of the identity spec (e.g. the AccessToken token response). */
export function validateXeroIdentitySchema(schemaName: string, value: unknown): string[] {
  const spec = load('xero-identity.yaml', 'xero-identity');
  const validate = spec.ajv().getSchema(`${spec.base}#/components/schemas/${schemaName}`);
  if (!validate) return [`unknown identity schema ${schemaName}`];
  if ((validate as (v: unknown) => boolean)(value)) return [];
  return describe(validate.errors);
}
