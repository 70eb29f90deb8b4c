/** Request fields payments and allocations share: a positive money amount and a required date. */
import { parseRequestDate } from './dates';
import { parseDecimal, round } from './decimal';
import { field, has, str, type Json } from './fields';
import { messages } from './messages';

/** The element's Amount rounded to 2 dp (money), or undefined with `missing` recorded when absent, not a number or not above 0. */
export function positiveAmount(element: Json, errors: string[], missing: () => string): bigint | undefined {
  const amount = parseDecimal(field(element, 'Amount'));
  if (amount === undefined || round(amount, 2) <= 0n) {
    errors.push(missing());
    return undefined;
  }
  return round(amount, 2);
}

/** The element's Date as epoch ms (midnight UTC), recording `missing` when absent and Xero's date message when unparseable. */
export function requiredDate(element: Json, errors: string[], missing: () => string): number | undefined {
  if (!has(element, 'Date')) {
    errors.push(missing());
    return undefined;
  }
  const ms = parseRequestDate(str(element, 'Date'));
  if (ms === undefined) errors.push(messages.invalidDate('Date'));
  return ms;
}
