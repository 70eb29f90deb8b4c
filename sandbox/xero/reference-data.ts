import type { AccountingContext } from './context';
import { msDate } from './dates';
import { envelope } from './envelope';
import { notFound } from './errors';
import type { Json } from './fields';
import { queryBool, type SandboxRequest, type SandboxResponse } from './http-types';
import type { Account, BrandingTheme, OrganisationInfo } from './model';
import { applyOrder, applyWhere } from './query';
import type { Router } from './router';

/** Answers a list GET over rendered rows with `where` and `order` applied. */
function listOf(req: SandboxRequest, ctx: AccountingContext, key: string, rows: Json[]): SandboxResponse {
  const filtered = applyWhere(req, rows);
  return Array.isArray(filtered) ? envelope(ctx, key, applyOrder(req, filtered)) : filtered;
}

/** A single-element GET, or 404 when absent. */
function one(ctx: AccountingContext, key: string, row: Json | undefined): SandboxResponse {
  return row ? envelope(ctx, key, [row]) : notFound();
}

/** JSON of an account (UpdatedDateUTC is the organisation's creation time). */
function renderAccount(a: Account, updated: number): Json {
  return { ...a, UpdatedDateUTC: msDate(updated) };
}

/** JSON of a branding theme. */
function renderTheme(b: BrandingTheme): Json {
  return { ...b, CreatedDateUTC: msDate(b.CreatedDateUTC) };
}

/** JSON of the organisation. */
function renderOrganisation(o: OrganisationInfo): Json {
  return {
    APIKey: '',
    ...o,
    CreatedDateUTC: msDate(o.CreatedDateUTC),
    Addresses: [],
    Phones: [],
    ExternalLinks: [],
    PaymentTerms: {},
  };
}

/** What GET /Organisation/Actions reports: every action is allowed in the sandbox. */
const ACTIONS = [
  'CreateApprovedInvoice',
  'CreateDraftInvoice',
  'CreateApprovedBill',
  'CreateDraftBill',
  'CreateDraftQuote',
  'CreateSentQuote',
  'CreateInvoicePayment',
  'UseMulticurrency',
  'AttachFilesIntoInvoice',
  'CreateRepeatingInvoice',
  'CreateRepeatingBill',
  'CreateDraftPurchaseOrder',
  'CreateApprovedPurchaseOrder',
];

/** Registers the read-only settings routes: TaxRates, Accounts, Organisation, Currencies, BrandingThemes, TrackingCategories. */
export function referenceDataRoutes(router: Router<AccountingContext>): void {
  router
    .on('GET', '/TaxRates', (req, ctx) =>
      listOf(
        req,
        ctx,
        'TaxRates',
        ctx.tenant.reference.taxRates.map((t) => ({ ...t })),
      ),
    )
    .on('GET', '/TaxRates/:taxType', (req, ctx) => {
      const rate = ctx.tenant.reference.taxRates.find(
        (t) => t.TaxType.toLowerCase() === req.params.taxType.toLowerCase(),
      );
      return one(ctx, 'TaxRates', rate ? { ...rate } : undefined);
    })
    .on('GET', '/Accounts', (req, ctx) => {
      const created = ctx.tenant.reference.organisation.CreatedDateUTC;
      return listOf(
        req,
        ctx,
        'Accounts',
        ctx.tenant.reference.accounts.map((a) => renderAccount(a, created)),
      );
    })
    .on('GET', '/Accounts/:id', (req, ctx) => {
      const account = ctx.tenant.reference.accounts.find((a) => a.AccountID === req.params.id);
      return one(ctx, 'Accounts', account && renderAccount(account, ctx.tenant.reference.organisation.CreatedDateUTC));
    })
    .on('GET', '/Organisation', (_req, ctx) =>
      envelope(ctx, 'Organisations', [renderOrganisation(ctx.tenant.reference.organisation)]),
    )
    .on('GET', '/Organisation/Actions', (_req, ctx) =>
      envelope(
        ctx,
        'Actions',
        ACTIONS.map((Name) => ({ Name, Status: 'ALLOWED' })),
      ),
    )
    .on('GET', '/Currencies', (req, ctx) =>
      listOf(
        req,
        ctx,
        'Currencies',
        ctx.tenant.reference.currencies.map((c) => ({ ...c })),
      ),
    )
    .on('GET', '/BrandingThemes', (req, ctx) =>
      listOf(req, ctx, 'BrandingThemes', ctx.tenant.reference.brandingThemes.map(renderTheme)),
    )
    .on('GET', '/BrandingThemes/:id', (req, ctx) => {
      const theme = ctx.tenant.reference.brandingThemes.find((b) => b.BrandingThemeID === req.params.id);
      return one(ctx, 'BrandingThemes', theme && renderTheme(theme));
    })
    .on('GET', '/TrackingCategories', (req, ctx) => {
      const includeArchived = queryBool(req, 'includeArchived') ?? false;
      const rows = ctx.tenant.reference.trackingCategories
        .filter((c) => includeArchived || c.Status === 'ACTIVE')
        .map((c) => ({
          ...c,
          Options: c.Options.filter((o) => includeArchived || o.Status === 'ACTIVE').map((o) => ({ ...o })),
        }));
      return listOf(req, ctx, 'TrackingCategories', rows);
    })
    .on('GET', '/TrackingCategories/:id', (req, ctx) => {
      const category = ctx.tenant.reference.trackingCategories.find((c) => c.TrackingCategoryID === req.params.id);
      return one(
        ctx,
        'TrackingCategories',
        category && { ...category, Options: category.Options.map((o) => ({ ...o })) },
      );
    });
}
