/**
 * Which OAuth scopes a Xero app may request (xero-api.md §1.3). Apps created on or after 2 March 2026 get granular
 * scopes only; the broad `accounting.transactions` and `accounting.reports.read` remain for apps created earlier.
 */

const IDENTITY_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
/** Accounting scopes with a `.read` variant, the same for every app. */
const SHARED_SCOPES = ['accounting.settings', 'accounting.contacts', 'accounting.attachments'];
const GRANULAR_SCOPES = [
  'accounting.invoices',
  'accounting.payments',
  'accounting.banktransactions',
  'accounting.manualjournals',
];
const READ_ONLY_SCOPES = [
  'accounting.budgets.read',
  'accounting.journals.read',
  ...[
    'aged',
    'balancesheet',
    'banksummary',
    'budgetsummary',
    'executivesummary',
    'profitandloss',
    'trialbalance',
    'taxreports',
  ].map((report) => `accounting.reports.${report}.read`),
];
/** The broad scopes only apps created before 2 March 2026 may request. */
const BROAD_SCOPES = ['accounting.transactions', 'accounting.transactions.read', 'accounting.reports.read'];

const withRead = (scopes: string[]): string[] => scopes.flatMap((s) => [s, `${s}.read`]);
const GRANTABLE = new Set([
  ...IDENTITY_SCOPES,
  ...withRead([...SHARED_SCOPES, ...GRANULAR_SCOPES]),
  ...READ_ONLY_SCOPES,
]);

/** Whether an app (granular unless `legacyApp`) may be granted every one of `scopes`. */
export function scopesGrantable(scopes: readonly string[], legacyApp: boolean): boolean {
  return scopes.every((scope) => GRANTABLE.has(scope) || (legacyApp && BROAD_SCOPES.includes(scope)));
}
