/** Query parameters every create and lookup of documents sends, so retries send identical requests. */
export const SUMMARIZE_ERRORS = true;
/** Unit amounts with 4 decimals on writes and reads (Xero rounds to 2 otherwise). */
export const UNIT_DP = 4;
