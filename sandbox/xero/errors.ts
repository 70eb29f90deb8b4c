import { newId } from './ids';
import { jsonResponse, type SandboxResponse } from './http-types';

/** A `{ Message }` entry of a ValidationErrors or Warnings array. */
export interface ValidationMessage {
  Message: string;
}

/** 400 ValidationException whose Elements echo the failed input elements (spec `Error`/`Element`). */
export function validationException(elements: unknown[]): SandboxResponse {
  return jsonResponse(400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  });
}

/** 400 ValidationException with a single message and no element echo (used for request-level problems). */
export function requestValidationError(message: string): SandboxResponse {
  return jsonResponse(400, { ErrorNumber: 10, Type: 'ValidationException', Message: message, Elements: [] });
}

/** 400 PostDataInvalidException for a body that is not JSON or has no recognised envelope. */
export function postDataInvalid(message: string): SandboxResponse {
  return jsonResponse(400, { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message });
}

/** 401 problem JSON with `WWW-Authenticate`, as for a missing, unknown or expired bearer token. */
export function unauthorized(): SandboxResponse {
  const id = newId();
  return jsonResponse(
    401,
    { title: 'Unauthorized', status: 401, detail: 'AuthenticationUnsuccessful', instance: id },
    { 'www-authenticate': 'Bearer error=invalid_token', 'xero-correlation-id': id },
  );
}

/** 403 Forbidden body for a missing/unknown/unconnected tenant or a missing scope (xero-api.md §4.8). */
export function forbidden(): SandboxResponse {
  const id = newId();
  return jsonResponse(
    403,
    { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful', Instance: id, Extensions: {} },
    { 'xero-correlation-id': id },
  );
}

/** 404 with an empty text/html body, as Xero answers unknown IDs and paths. */
export function notFound(): SandboxResponse {
  return { status: 404, headers: { 'content-type': 'text/html' }, body: '' };
}

/** 405 for a known path with an unsupported method. */
export function methodNotAllowed(): SandboxResponse {
  return { status: 405, headers: { 'content-type': 'text/html' }, body: '' };
}
