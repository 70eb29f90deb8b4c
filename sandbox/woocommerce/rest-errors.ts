/** A WordPress REST error: `{code, message, data: {status, …}}` sent with the same HTTP status. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** The JSON body WordPress sends. */
  toBody(): { code: string; message: string; data: Record<string, unknown> } {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.data } };
  }
}

/** `rest_no_route` 404: no route matches the URL and method. */
export function noRoute(): RestError {
  return new RestError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
}

/** `woocommerce_rest_{type}_invalid_id` with "Invalid ID." (404 by default). */
export function invalidId(type: string, status = 404): RestError {
  return new RestError(status, `woocommerce_rest_${type}_invalid_id`, 'Invalid ID.');
}

/** One parameter problem: WordPress's code (`rest_out_of_bounds`, `rest_invalid_type`, …) and message. */
export interface ParamProblem {
  code: string;
  message: string;
}

/** `rest_invalid_param` 400 listing every invalid parameter, with `params` and `details` as WordPress core sends. */
export function invalidParams(problems: Record<string, ParamProblem>): RestError {
  const names = Object.keys(problems);
  return new RestError(400, 'rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, {
    params: Object.fromEntries(names.map((name) => [name, problems[name].message])),
    details: Object.fromEntries(
      names.map((name) => [name, { code: problems[name].code, message: problems[name].message, data: null }]),
    ),
  });
}

/** `rest_missing_callback_param` 400 for required parameters that are absent. */
export function missingParams(names: string[]): RestError {
  return new RestError(400, 'rest_missing_callback_param', `Missing parameter(s): ${names.join(', ')}`, {
    params: names,
  });
}
