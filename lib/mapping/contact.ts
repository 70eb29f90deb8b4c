import type { WooOrder } from '../woocommerce/order-schema';
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

/** The contact's display name: billing company, else "first last", else email, else a guest label. */
export function contactName(order: WooOrder): string {
  const candidates = [
    cleanText(order.billing.company),
    personName(order.billing),
    cleanText(order.billing.email ?? ''),
  ];
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

/** The Xero contact for an order's customer: how to find it, what to create, and a fallback name. */
export function mapContact(order: WooOrder): XeroDocumentPlan['contact'] {
  const name = contactName(order);
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
    match: { ...(email === '' ? {} : { email: email.toLowerCase() }), name },
    create,
    disambiguatedName: disambiguatedContactName(order, name),
  };
}
