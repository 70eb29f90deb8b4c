// What the contact and item helpers remember about an organisation between orders. lib/db's `xeroMemory`
// repository satisfies these structurally (keyed by the store's current Xero organisation); tests may use
// in-memory versions.

/** Customers' Xero contacts, per store and organisation, by a digest of how the customer is matched. */
export interface ContactMemory {
  /** The ContactID remembered for the customer, if any. */
  recallContact(storeId: string, customerKey: string): Promise<string | null>;
  /** Remembers (or replaces) the customer's ContactID. */
  rememberContact(storeId: string, customerKey: string, contactId: string): Promise<void>;
  /** Forgets every customer remembered with this ContactID (Xero refused it: archived, merged, deleted). */
  forgetContact(storeId: string, contactId: string): Promise<void>;
  /**
   * Claims a new contact's name (`nameKey`, a digest) in the store's organisation for a customer (`claimant`, a
   * digest); true when the customer holds the claim now (also when it already did), false when another does.
   */
  claimContactName(storeId: string, nameKey: string, claimant: string): Promise<boolean>;
}

/** Item codes known to exist in the store's organisation (compared ignoring case). */
export interface ItemMemory {
  /** Which of `codes` are known to exist, upper-cased. */
  knownItemCodes(storeId: string, codes: readonly string[]): Promise<Set<string>>;
  /** Remembers that these codes exist. */
  rememberItemCodes(storeId: string, codes: readonly string[]): Promise<void>;
  /** Forgets these codes (Xero said they are not valid). */
  forgetItemCodes(storeId: string, codes: readonly string[]): Promise<void>;
}

/** Upper-cases an item code, as the memory stores it. */
export const itemCodeKey = (code: string | undefined): string => (code ?? '').toUpperCase();
