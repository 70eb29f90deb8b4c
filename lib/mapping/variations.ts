import type { WooLineItem } from '../woocommerce/order-schema';
import type { MappingSettings } from './settings';
import { cleanText, truncateText } from './text';

/** Separator between a product's name and its variation attributes, as WooCommerce writes it. */
export const VARIATION_SEPARATOR = ' \u2013 ';

type Meta = WooLineItem['meta_data'][number] & { display_key?: unknown; display_value?: unknown };

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? cleanText(String(value)) : '';
}

// A global attribute's key is "pa_colour": without display_key, show "Colour".
function labelOf(entry: Meta): string {
  const shown = text(entry.display_key);
  if (shown !== '') return shown;
  const bare = entry.key.replace(/^pa_/, '').replace(/[-_]+/g, ' ').trim();
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** The variation attributes of a line from its visible meta data, e.g. "Colour: Blue, Size: M" ('' when none). */
export function variationAttributes(line: Pick<WooLineItem, 'meta_data'>): string {
  return (line.meta_data as Meta[])
    .filter((entry) => !entry.key.startsWith('_'))
    .map((entry) => ({ label: labelOf(entry), value: text(entry.display_value) || text(entry.value) }))
    .filter(({ label, value }) => label !== '' && value !== '')
    .map(({ label, value }) => `${label}: ${value}`)
    .join(', ');
}

/** A product line's name: "Parent – Attr: Value, …" for a variation with a known parent, else WooCommerce's name. */
export function productLineName(line: WooLineItem, settings: MappingSettings['items']): string {
  const parent = cleanText(line.parent_name ?? '');
  const attributes = variationAttributes(line);
  if (settings.variationNames === 'woocommerce-name' || line.variation_id <= 0 || parent === '' || attributes === '') {
    return cleanText(line.name);
  }
  return `${parent}${VARIATION_SEPARATOR}${attributes}`;
}

/** A name cut to `max` that keeps a variation's attributes visible by shortening the parent name first. */
export function shortenedLineName(name: string, max: number): string {
  const cut = name.indexOf(VARIATION_SEPARATOR);
  if (name.length <= max || cut < 0) {
    return truncateText(name, max);
  }
  const tail = name.slice(cut);
  const room = max - tail.length;
  return room >= 10 ? `${truncateText(name.slice(0, cut), room)}${tail}` : truncateText(name, max);
}
