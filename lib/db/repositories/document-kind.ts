/** The kind of Xero document an order becomes. */
export type DocumentKind = 'invoice' | 'quote';
