import { messages } from './messages';
import type { Account, ReferenceData, TaxRate } from './model';

/** Which tax-rate flag allows a rate on an account of each class (TaxRate.CanApplyTo…). */
const FLAG_BY_CLASS: Record<Account['Class'], keyof TaxRate> = {
  ASSET: 'CanApplyToAssets',
  EQUITY: 'CanApplyToEquity',
  EXPENSE: 'CanApplyToExpenses',
  LIABILITY: 'CanApplyToLiabilities',
  REVENUE: 'CanApplyToRevenue',
};

/** Finds an account by code (any case) or, without a code, by AccountID; deleted and archived ones included. */
export function findAccount(ref: ReferenceData, code?: string, id?: string): Account | undefined {
  if (code !== undefined) return ref.accounts.find((a) => a.Code.toLowerCase() === code.toLowerCase());
  return id === undefined ? undefined : ref.accounts.find((a) => a.AccountID === id);
}

/** Why an account named by `given` (a code or ID) cannot be used, or undefined when it is ACTIVE. */
export function accountProblem(account: Account | undefined, given: string): string | undefined {
  if (!account) return messages.accountCodeInvalid(given);
  return account.Status === 'ACTIVE' ? undefined : messages.accountArchived(account.Code);
}

/** Finds a tax rate by its TaxType code (exact match, as Xero's codes are upper case). */
export function findTaxRate(ref: ReferenceData, taxType: string): TaxRate | undefined {
  return ref.taxRates.find((t) => t.TaxType === taxType);
}

/** Why a TaxType cannot be used, or undefined: it must exist, be ACTIVE, and (with an account) suit its class. */
export function taxTypeProblem(rate: TaxRate | undefined, taxType: string, account?: Account): string | undefined {
  if (!rate || rate.Status !== 'ACTIVE') return messages.taxTypeInvalid(taxType);
  if (account && rate[FLAG_BY_CLASS[account.Class]] !== true)
    return messages.taxTypeNotForAccount(taxType, account.Code);
  return undefined;
}
