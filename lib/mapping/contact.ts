import type { WooOrder } from '../woocommerce/order-schema';
import type { MappingSettings } from './settings';
import { cleanText, truncateText } from './text';
import type { XeroDocumentPlan } from './types';
import type { WireAddress, WireContact, WirePhone } from './wire';

type WooAddress = WooOrder['shipping'];

const NAME_MAX = 255;

function personName(address: Pick<WooAddress, 'first_name' | 'last_name'>): string {
  return cleanText(`${address.first_name} ${address.last_name}`);
}

function optional<K extends string>(key: K, value: string, max: number): Partial<Record<K, string>> {
  const text = truncateText(cleanText(value), max);
  return text === '' ? {} : ({ [key]: text } as Record<K, string>);
}

function mapAddress(type: WireAddress['AddressType'], address: WooAddress, contactName: string): WireAddress[] {
  const attention = personName(address);
  const fields: Omit<WireAddress, 'AddressType'> = {
    ...optional('AddressLine1', address.address_1, 500),
    ...optional('AddressLine2', address.address_2, 500),
    ...optional('City', address.city, 255),
    ...optional('Region', address.state, 255),
    ...optional('PostalCode', address.postcode, 50),
    ...optional('Country', address.country, 50),
  };
  if (Object.keys(fields).length === 0) {
    return [];
  }
  return [
    { AddressType: type, ...fields, ...(attention !== contactName ? optional('AttentionTo', attention, 255) : {}) },
  ];
}

function lastFirst(address: Pick<WooAddress, 'first_name' | 'last_name'>): string {
  const first = cleanText(address.first_name);
  const last = cleanText(address.last_name);
  return first !== '' && last !== '' ? `${last}, ${first}` : cleanText(`${first} ${last}`);
}

/** The person's name in the configured format ("Jane Doe" or "Doe, Jane"). */
function formattedPerson(order: WooOrder, format: ContactSettings['nameFormat']): string {
  return format === 'last-first' ? lastFirst(order.billing) : personName(order.billing);
}

type ContactSettings = MappingSettings['contacts'];

const DEFAULT_CONTACT_SETTINGS: ContactSettings = { matchOrder: ['email', 'name'], nameFormat: 'company-else-person' };

// company-else-person puts the company first; person and last-first put the person first.
/** The contact's display name by `contacts.nameFormat`, then the billing email, then a guest label. */
export function contactName(order: WooOrder, settings: ContactSettings = DEFAULT_CONTACT_SETTINGS): string {
  const company = cleanText(order.billing.company);
  const person = formattedPerson(order, settings.nameFormat);
  const byPreference = settings.nameFormat === 'company-else-person' ? [company, person] : [person, company];
  const candidates = [...byPreference, cleanText(order.billing.email ?? '')];
  const name = candidates.find((candidate) => candidate !== '') ?? `WooCommerce guest #${order.number}`;
  return truncateText(name, NAME_MAX);
}

/** A deterministic second name for when another contact already holds the first, e.g. "Jane Doe (jane@example.com)". */
export function disambiguatedContactName(order: WooOrder, name: string): string {
  const email = cleanText(order.billing.email ?? '');
  const qualifier =
    email !== '' && email.toLowerCase() !== name.toLowerCase()
      ? email
      : order.customer_id > 0
        ? `WooCommerce customer #${order.customer_id}`
        : `WooCommerce order #${order.number}`;
  const suffix = ` (${qualifier})`;
  return `${truncateText(name, Math.max(1, NAME_MAX - suffix.length))}${suffix}`.slice(0, NAME_MAX);
}

/** The Xero contact for an order's customer: how to find it (in `contacts.matchOrder`), what to create, a fallback name. */
export function mapContact(
  order: WooOrder,
  settings: ContactSettings = DEFAULT_CONTACT_SETTINGS,
): XeroDocumentPlan['contact'] {
  const name = contactName(order, settings);
  const company = truncateText(cleanText(order.billing.company), NAME_MAX);
  const email = truncateText(cleanText(order.billing.email ?? ''), 255);
  const phone = truncateText(cleanText(order.billing.phone ?? ''), 50);
  const phones: WirePhone[] = phone === '' ? [] : [{ PhoneType: 'DEFAULT', PhoneNumber: phone }];
  const addresses = [...mapAddress('POBOX', order.billing, name), ...mapAddress('STREET', order.shipping, name)];
  const create: WireContact = {
    Name: name,
    ...optional('FirstName', order.billing.first_name, 255),
    ...optional('LastName', order.billing.last_name, 255),
    ...(email === '' ? {} : { EmailAddress: email }),
    ...(addresses.length === 0 ? {} : { Addresses: addresses }),
    ...(phones.length === 0 ? {} : { Phones: phones }),
  };
  return {
    match: {
      ...(email === '' ? {} : { email: email.toLowerCase() }),
      name,
      ...(company === '' ? {} : { company }),
      order: [...settings.matchOrder],
    },
    create,
    disambiguatedName: disambiguatedContactName(order, name),
  };
}
