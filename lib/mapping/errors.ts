/** An order that cannot be turned into a Xero document as configured; the message says what to change. */
export class MappingError extends Error {
  override readonly name = 'MappingError';

  /** Creates the error with an actionable message. */
  constructor(message: string) {
    super(message);
  }
}
