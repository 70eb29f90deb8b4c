import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attribute: the store id (never personal data). */
export const WOO_STORE_ID = defineSearchAttributeKey('WooStoreId', SearchAttributeType.KEYWORD);
/** Search attribute: the WooCommerce order number as the merchant sees it. */
export const WOO_ORDER_NUMBER = defineSearchAttributeKey('WooOrderNumber', SearchAttributeType.KEYWORD);
/** Search attribute: the Xero invoice or quote number once known. */
export const XERO_DOCUMENT_NUMBER = defineSearchAttributeKey('XeroDocumentNumber', SearchAttributeType.KEYWORD);
/** Search attribute: the SyncState of the run. */
export const SYNC_STATE = defineSearchAttributeKey('SyncState', SearchAttributeType.KEYWORD);

const CLI_TYPE_NAMES: Record<string, string> = { [SearchAttributeType.KEYWORD]: 'Keyword' };

/** Every search attribute the project registers on the Temporal server, as `name=Type` pairs for the CLI. */
export const SEARCH_ATTRIBUTE_DECLARATIONS = [WOO_STORE_ID, WOO_ORDER_NUMBER, XERO_DOCUMENT_NUMBER, SYNC_STATE].map(
  (key) => `${key.name}=${CLI_TYPE_NAMES[key.type]}`,
);
