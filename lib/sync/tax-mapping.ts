import type { SettingsRepository } from '../db/repositories/settings';
import { mappingSettingsSchema, type MappingSettings } from '../mapping';
import { suggestTaxMapping, type TaxMappingSuggestion, type XeroTaxRateInfo } from '../mapping/tax-suggestions';
import { readAllTaxRates, type TaxRateReader } from '../woocommerce/tax-rates';
import type { WooTaxRate } from '../woocommerce/tax-rate-schema';
import type { XeroAccountingClient } from '../xero/accounting-client';
import type { WireTaxRate } from '../xero/wire-types';
import { readCurrentSettings, saveSettings, type VersionedMappingSettings } from './store-settings';

/** What reading or applying a store's tax mapping needs: its WooCommerce client, Xero and its settings. */
export interface TaxMappingInput {
  storeId: string;
  woo: TaxRateReader;
  xero: Pick<XeroAccountingClient, 'getTaxRates'>;
  settings: Pick<SettingsRepository, 'getCurrent' | 'save'>;
}

/** The store's WooCommerce rates, the organisation's active Xero rates, the mapping and what to add to it. */
export interface TaxMappingView {
  settingsVersion: number;
  wooTaxRates: WooTaxRate[];
  xeroTaxRates: XeroTaxRateInfo[];
  mapping: MappingSettings['taxes'];
  suggestions: TaxMappingSuggestion[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function xeroRateInfo(rate: WireTaxRate): XeroTaxRateInfo {
  const components = Array.isArray(rate.TaxComponents) ? (rate.TaxComponents as Array<{ IsCompound?: boolean }>) : [];
  return {
    TaxType: text(rate.TaxType),
    Name: text(rate.Name),
    Status: text(rate.Status) || 'ACTIVE',
    EffectiveRate: Number(rate.EffectiveRate ?? 0),
    ...(typeof rate.CanApplyToRevenue === 'boolean' ? { CanApplyToRevenue: rate.CanApplyToRevenue } : {}),
    TaxComponents: components.map((component) => ({ IsCompound: component.IsCompound === true })),
  };
}

async function readView(input: TaxMappingInput): Promise<TaxMappingView & { current: VersionedMappingSettings }> {
  const [current, wooTaxRates, xeroRates] = await Promise.all([
    readCurrentSettings(input.settings, input.storeId),
    readAllTaxRates(input.woo),
    input.xero.getTaxRates(input.storeId),
  ]);
  const xeroTaxRates = xeroRates.map(xeroRateInfo).filter((rate) => rate.Status === 'ACTIVE');
  const mapping = current.settings.taxes;
  const suggestions = suggestTaxMapping(wooTaxRates, xeroTaxRates, mapping.byWooRateId);
  return { current, settingsVersion: current.version, wooTaxRates, xeroTaxRates, mapping, suggestions };
}

/** Reads the tax mapping screen: nothing is written. */
export async function readTaxMapping(input: TaxMappingInput): Promise<TaxMappingView> {
  const { current: _current, ...view } = await readView(input);
  return view;
}

/** The suggestions saved, or why nothing was: every suggestion left needs the merchant's choice. */
export type AppliedTaxMapping =
  | {
      saved: true;
      applied: Record<string, string>;
      settings: VersionedMappingSettings;
      unresolved: TaxMappingSuggestion[];
    }
  | { saved: false; unresolved: TaxMappingSuggestion[] };

/** Adds every suggestion that names one Xero tax type to `taxes.byWooRateId`, saved as a new settings version. */
export async function applyTaxMapping(input: TaxMappingInput): Promise<AppliedTaxMapping> {
  const { current, suggestions } = await readView(input);
  const applied = Object.fromEntries(
    suggestions.flatMap((s) => (s.taxType === null ? [] : [[s.key, s.taxType] as const])),
  );
  const unresolved = suggestions.filter((s) => s.taxType === null);
  if (Object.keys(applied).length === 0) return { saved: false, unresolved };
  const taxes = current.settings.taxes;
  const next = mappingSettingsSchema.parse({
    ...current.settings,
    taxes: { ...taxes, byWooRateId: { ...taxes.byWooRateId, ...applied } },
  });
  return { saved: true, applied, settings: await saveSettings(input.settings, input.storeId, next), unresolved };
}
