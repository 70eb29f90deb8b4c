import type { WooOrder } from '../woocommerce/order-schema';
import { storeHost } from './identity';
import type { MappingSettings } from './settings';
import { cleanText } from './text';
import type { MappingContext, XeroTrackingCategory } from './types';
import type { WireTracking } from './wire';

type TrackingSetting = MappingSettings['tracking'][number];

/** The tracking options for every line of the document, and warnings for those Xero would refuse. */
export interface TrackingChoice {
  tracking: WireTracking[];
  warnings: string[];
}

function sourceValue(setting: TrackingSetting, order: WooOrder, ctx: MappingContext): string {
  switch (setting.source) {
    case 'fixed':
      return '';
    case 'billing-country':
      return cleanText(order.billing.country).toUpperCase();
    case 'shipping-country':
      return cleanText(order.shipping.country || order.billing.country).toUpperCase();
    case 'store':
      return storeHost(ctx.storeUrl);
  }
}

function optionFor(setting: TrackingSetting, value: string): string | undefined {
  if (setting.source === 'fixed') return setting.option;
  const mapped = Object.entries(setting.options).find(([key]) => key.toLowerCase() === value.toLowerCase())?.[1];
  return mapped ?? setting.option ?? (value === '' ? undefined : value);
}

function activeCategory(categories: readonly XeroTrackingCategory[], name: string): XeroTrackingCategory | undefined {
  return categories.find((c) => c.Status === 'ACTIVE' && c.Name.toLowerCase() === name.toLowerCase());
}

/** Resolves the configured tracking categories for an order; unknown options are left off when Xero's are known. */
export function mapTracking(order: WooOrder, settings: MappingSettings, ctx: MappingContext): TrackingChoice {
  const out: TrackingChoice = { tracking: [], warnings: [] };
  for (const setting of settings.tracking) {
    const value = sourceValue(setting, order, ctx);
    const option = optionFor(setting, value);
    if (option === undefined) {
      out.warnings.push(`Tracking category "${setting.category}": the order has no ${setting.source}; left untracked.`);
      continue;
    }
    const known = ctx.org.trackingCategories;
    if (known !== undefined) {
      const category = activeCategory(known, setting.category);
      const exists = category?.Options.some(
        (o) => o.Status === 'ACTIVE' && o.Name.toLowerCase() === option.toLowerCase(),
      );
      if (!exists) {
        const missing =
          category === undefined ? 'is not an active tracking category' : `has no active option "${option}"`;
        out.warnings.push(
          `Tracking category "${setting.category}" ${missing} in Xero; the lines are left untracked for it ` +
            `(add the option in Xero or map it in tracking.options).`,
        );
        continue;
      }
    }
    out.tracking.push({ Name: setting.category, Option: option });
  }
  return out;
}
