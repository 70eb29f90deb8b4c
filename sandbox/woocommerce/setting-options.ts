import { currencySymbol, type StoreSettings } from './settings';

/** One setting as `GET /settings/{group}` returns it (WC_REST_Setting_Options_V2_Controller, without `_links`). */
export type SettingOption = Record<string, unknown> & { id: string; type: string; value: unknown };

/** A setting as a settings page declares it (`title`, `desc`, `desc_tip`, …), before the REST layer maps it. */
interface Declared {
  id: string;
  title?: string;
  desc?: string;
  /** `true` repeats `desc` as the tip; a string is the tip. */
  descTip?: true | string;
  type: string;
  default?: unknown;
  options?: Record<string, string>;
}

/** Abbreviated country and state tables (WooCommerce lists every country; the sandbox lists a few). */
const COUNTRIES: Record<string, string> = {
  AU: 'Australia',
  CA: 'Canada',
  GB: 'United Kingdom (UK)',
  NZ: 'New Zealand',
  US: 'United States (US)',
};
const STATES: Record<string, Record<string, string>> = {
  AU: { NSW: 'New South Wales', VIC: 'Victoria' },
  US: { CA: 'California', NY: 'New York' },
};
/** Abbreviated `get_woocommerce_currencies()`; the store's own currency is always listed. */
const CURRENCY_NAMES: Record<string, string> = {
  AUD: 'Australian dollar',
  CAD: 'Canadian dollar',
  CLP: 'Chilean peso',
  EUR: 'Euro',
  GBP: 'Pound sterling',
  JPY: 'Japanese yen',
  KWD: 'Kuwaiti dinar',
  NZD: 'New Zealand dollar',
  USD: 'United States (US) dollar',
};

/**
 * `register_setting()` then `get_group_settings()`: id, label (the title), description (the desc), type, default,
 * options, tip, then the stored value; the country types become select/multiselect with their options after the value.
 */
function toOption(setting: Declared, value: unknown): SettingOption {
  const description = setting.desc ?? '';
  const countryType = setting.type === 'single_select_country' || setting.type === 'multi_select_countries';
  const type =
    setting.type === 'single_select_country'
      ? 'select'
      : setting.type === 'multi_select_countries'
        ? 'multiselect'
        : setting.type;
  const option: Record<string, unknown> = { id: setting.id, label: setting.title ?? '', description, type };
  if (setting.default !== undefined) option.default = setting.default;
  if (setting.options !== undefined && Object.keys(setting.options).length > 0) option.options = setting.options;
  if (setting.descTip === true) option.tip = description;
  else if (setting.descTip !== undefined && setting.descTip !== '') option.tip = setting.descTip;
  option.value = value;
  if (countryType) {
    option.options = setting.type === 'single_select_country' ? countriesAndStates() : { ...COUNTRIES };
  }
  return option as SettingOption;
}

function countriesAndStates(): Record<string, string> {
  const output: Record<string, string> = {};
  for (const [code, name] of Object.entries(COUNTRIES)) {
    const states = STATES[code];
    if (states === undefined) output[code] = name;
    else for (const [state, stateName] of Object.entries(states)) output[`${code}:${state}`] = `${name} - ${stateName}`;
  }
  return output;
}

const yesNo = (flag: boolean): 'yes' | 'no' => (flag ? 'yes' : 'no');

/** The `general` group (WC_Settings_General's default section) with the store's values. */
function generalGroup(settings: StoreSettings): SettingOption[] {
  const { country, state } = settings.baseLocation;
  const currencies: Record<string, string> = {};
  for (const code of [...new Set([...Object.keys(CURRENCY_NAMES), settings.currency])].sort()) {
    currencies[code] = `${CURRENCY_NAMES[code] ?? code} (${currencySymbol(code)}) \u2014 ${code}`;
  }
  const text = (id: string, title: string, desc: string, value: string): [Declared, unknown] => [
    { id, title, desc, default: '', type: 'text', descTip: true },
    value,
  ];
  const rows: Array<[Declared, unknown]> = [
    text('woocommerce_store_address', 'Address line 1', 'The street address for your business location.', ''),
    text(
      'woocommerce_store_address_2',
      'Address line 2',
      'An additional, optional address line for your business location.',
      '',
    ),
    text('woocommerce_store_city', 'City', 'The city in which your business is located.', ''),
    [
      {
        id: 'woocommerce_default_country',
        title: 'Country / State',
        desc: 'The country and state or province, if any, in which your business is located.',
        default: 'US:CA',
        type: 'single_select_country',
        descTip: true,
      },
      state === '' ? country : `${country}:${state}`,
    ],
    text(
      'woocommerce_store_postcode',
      'Postcode / ZIP',
      'The postal code, if any, in which your business is located.',
      '',
    ),
    [
      {
        id: 'woocommerce_allowed_countries',
        title: 'Selling location(s)',
        desc: 'This option lets you limit which countries you are willing to sell to.',
        default: 'all',
        type: 'select',
        descTip: true,
        options: {
          all: 'Sell to all countries',
          all_except: 'Sell to all countries, except for&hellip;',
          specific: 'Sell to specific countries',
        },
      },
      'all',
    ],
    [
      {
        id: 'woocommerce_all_except_countries',
        title: 'Sell to all countries, except for&hellip;',
        desc: '',
        default: '',
        type: 'multi_select_countries',
      },
      '',
    ],
    [
      {
        id: 'woocommerce_specific_allowed_countries',
        title: 'Sell to specific countries',
        desc: '',
        default: '',
        type: 'multi_select_countries',
      },
      '',
    ],
    [
      {
        id: 'woocommerce_ship_to_countries',
        title: 'Shipping location(s)',
        desc: 'Choose which countries you want to ship to, or choose to ship to all locations you sell to.',
        default: '',
        type: 'select',
        descTip: true,
        options: {
          '': 'Ship to all countries you sell to',
          all: 'Ship to all countries',
          specific: 'Ship to specific countries only',
          disabled: 'Disable shipping &amp; shipping calculations',
        },
      },
      '',
    ],
    [
      {
        id: 'woocommerce_specific_ship_to_countries',
        title: 'Ship to specific countries',
        desc: '',
        default: '',
        type: 'multi_select_countries',
      },
      '',
    ],
    [
      {
        id: 'woocommerce_default_customer_address',
        title: 'Default customer location',
        descTip:
          'This option determines a customers default location. The MaxMind GeoLite Database will be periodically downloaded to your wp-content directory if using geolocation.',
        default: 'base',
        type: 'select',
        options: {
          '': 'No location by default',
          base: 'Shop country/region',
          geolocation: 'Geolocate',
          geolocation_ajax: 'Geolocate (with page caching support)',
        },
      },
      'base',
    ],
    [
      {
        id: 'woocommerce_calc_taxes',
        title: 'Enable taxes',
        desc: 'Enable tax rates and calculations',
        default: 'no',
        type: 'checkbox',
        descTip: 'Rates will be configurable and taxes will be calculated during checkout.',
      },
      yesNo(settings.taxesEnabled !== false),
    ],
    [
      {
        id: 'woocommerce_enable_coupons',
        title: 'Enable coupons',
        desc: 'Enable the use of coupon codes',
        default: 'yes',
        type: 'checkbox',
        descTip: 'Coupons can be applied from the cart and checkout pages.',
      },
      'yes',
    ],
    [
      {
        id: 'woocommerce_calc_discounts_sequentially',
        desc: 'Calculate coupon discounts sequentially',
        default: 'no',
        type: 'checkbox',
        descTip:
          'When applying multiple coupons, apply the first coupon to the full price and the second coupon to the discounted price and so on.',
      },
      'no',
    ],
    [
      {
        id: 'woocommerce_currency',
        title: 'Currency',
        desc: 'This controls what currency prices are listed at in the catalog and which currency gateways will take payments in.',
        default: 'USD',
        type: 'select',
        descTip: true,
        options: currencies,
      },
      settings.currency,
    ],
    [
      {
        id: 'woocommerce_currency_pos',
        title: 'Currency position',
        desc: 'This controls the position of the currency symbol.',
        default: 'left',
        type: 'select',
        options: { left: 'Left', right: 'Right', left_space: 'Left with space', right_space: 'Right with space' },
        descTip: true,
      },
      'left',
    ],
    [
      {
        id: 'woocommerce_price_thousand_sep',
        title: 'Thousand separator',
        desc: 'This sets the thousand separator of displayed prices.',
        default: ',',
        type: 'text',
        descTip: true,
      },
      ',',
    ],
    [
      {
        id: 'woocommerce_price_decimal_sep',
        title: 'Decimal separator',
        desc: 'This sets the decimal separator of displayed prices.',
        default: '.',
        type: 'text',
        descTip: true,
      },
      '.',
    ],
    [
      {
        id: 'woocommerce_price_num_decimals',
        title: 'Number of decimals',
        desc: 'This sets the number of decimal points shown in displayed prices.',
        default: '2',
        descTip: true,
        type: 'number',
      },
      String(settings.decimals),
    ],
  ];
  return rows.map(([setting, value]) => toOption(setting, value));
}

/** The `tax` group (`settings-tax.php`, as in WooCommerce 9.x) with the store's values. */
function taxGroup(settings: StoreSettings): SettingOption[] {
  const display = { incl: 'Including tax', excl: 'Excluding tax' };
  const classOptions: Record<string, string> = { inherit: 'Shipping tax class based on cart items', '': 'Standard' };
  for (const slug of settings.taxClasses) classOptions[slug] = className(slug);
  const rows: Array<[Declared, unknown]> = [
    [
      {
        id: 'woocommerce_prices_include_tax',
        title: 'Prices entered with tax',
        default: 'no',
        type: 'radio',
        descTip:
          'This option is important as it will affect how you input prices. If you select "Yes", enter prices including your base location\'s tax rate, the baseline for tax calculations. Changing this option will not update existing products.',
        options: { yes: 'Yes, I will enter prices inclusive of tax', no: 'No, I will enter prices exclusive of tax' },
      },
      yesNo(settings.pricesIncludeTax),
    ],
    [
      {
        id: 'woocommerce_tax_based_on',
        title: 'Calculate tax based on',
        descTip: 'This option determines which address is used to calculate tax.',
        default: 'shipping',
        type: 'select',
        options: {
          shipping: 'Customer shipping address',
          billing: 'Customer billing address',
          base: 'Shop base address',
        },
      },
      'shipping',
    ],
    [
      {
        id: 'woocommerce_shipping_tax_class',
        title: 'Shipping tax class',
        desc: 'Optionally control which tax class shipping gets, or leave it so shipping tax is based on the cart items themselves.',
        default: 'inherit',
        type: 'select',
        options: classOptions,
        descTip: true,
      },
      'inherit',
    ],
    [
      {
        id: 'woocommerce_tax_round_at_subtotal',
        title: 'Rounding',
        desc: 'Round tax at subtotal level, instead of rounding per line',
        default: 'no',
        type: 'checkbox',
      },
      yesNo(settings.roundTaxAtSubtotal),
    ],
    [
      {
        id: 'woocommerce_tax_classes',
        title: 'Additional tax classes',
        descTip:
          'List additional tax classes you need below (1 per line, e.g. Reduced Rates). These are in addition to "Standard rate" which exists by default.',
        type: 'textarea',
        default: '',
      },
      // Tax classes live in their own table since WooCommerce 3.7; the old option is gone, so the value is empty.
      '',
    ],
    [
      {
        id: 'woocommerce_tax_display_shop',
        title: 'Display prices in the shop',
        default: 'excl',
        type: 'select',
        options: display,
      },
      'excl',
    ],
    [
      {
        id: 'woocommerce_tax_display_cart',
        title: 'Display prices during cart and checkout',
        default: 'excl',
        type: 'select',
        options: display,
      },
      'excl',
    ],
    [
      {
        id: 'woocommerce_price_display_suffix',
        title: 'Price display suffix',
        default: '',
        type: 'text',
        descTip:
          'Define text to show after your product prices. This could be, for example, "inc. Vat" to explain your pricing. You can also have prices substituted here using one of the following: {price_including_tax}, {price_excluding_tax}.',
      },
      '',
    ],
    [
      {
        id: 'woocommerce_tax_total_display',
        title: 'Display tax totals',
        default: 'itemized',
        type: 'select',
        options: { single: 'As a single total', itemized: 'Itemized' },
      },
      'itemized',
    ],
  ];
  return rows.map(([setting, value]) => toOption(setting, value));
}

/** "reduced-rate" → "Reduced rate", as WooCommerce names its default classes. */
function className(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The settings groups the sandbox serves and the options of each, read from the store's settings now. */
export function settingGroups(settings: StoreSettings): Record<string, SettingOption[]> {
  return { general: generalGroup(settings), tax: taxGroup(settings) };
}
