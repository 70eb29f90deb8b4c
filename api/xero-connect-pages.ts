import type { Response } from 'express';
import type { XeroTenantConnection } from '../lib/xero/identity-client';
import { escapeHtml } from './html-escape';

/** The store a connect page is about, named so the merchant can tell whether it is theirs. */
export interface ConnectPageStore {
  id: string;
  url: string;
}

function send(res: Response, title: string, html: string, json: Record<string, unknown>): void {
  res.set('Cache-Control', 'no-store');
  res.format({
    'application/json': () => res.json(json),
    'text/html': () => res.send(`<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>${html}`),
    default: () => res.json(json),
  });
}

const storeHtml = (store: ConnectPageStore) =>
  `the store <strong>${escapeHtml(store.url)}</strong> (${escapeHtml(store.id)})`;

/** Answers that the organisation is now connected to the store, naming both (HTML for browsers, else JSON). */
export function sendConnected(
  res: Response,
  result: { store: ConnectPageStore; tenantName: string; tenants: XeroTenantConnection[] },
): void {
  const { store } = result;
  const others = result.tenants.length > 1;
  send(
    res,
    'Xero connected',
    `<p>Xero organisation <strong>${escapeHtml(result.tenantName)}</strong> is now connected to ${storeHtml(store)}.` +
      ' If this is not your store, disconnect the app in Xero’s connected apps settings.</p>' +
      (others ? '<p>Several organisations were authorised; another can be chosen from the store settings.</p>' : ''),
    {
      connected: true,
      storeId: store.id,
      storeUrl: store.url,
      tenantName: result.tenantName,
      tenants: result.tenants.map(({ tenantId, tenantName }) => ({ tenantId, tenantName })),
      ...(others ? { chooseTenant: `POST /api/stores/${store.id}/xero/tenant {"tenantId": "…"}` } : {}),
    },
  );
}

/** Asks whether the store's connection to one organisation should be replaced by another; nothing changed yet. */
export function sendReplaceQuestion(
  res: Response,
  q: { store: ConnectPageStore; currentTenantName: string; tenantName: string; flow: string; confirmPath: string },
): void {
  const form = (decision: string, label: string) =>
    `<form method="post" action="${escapeHtml(q.confirmPath)}" style="display:inline">` +
    `<input type="hidden" name="flow" value="${escapeHtml(q.flow)}">` +
    `<button name="decision" value="${decision}">${label}</button></form> `;
  send(
    res,
    'Replace the Xero connection?',
    `<p>${storeHtml(q.store)} is connected to Xero organisation <strong>${escapeHtml(q.currentTenantName)}</strong>.` +
      ` Replace it with <strong>${escapeHtml(q.tenantName)}</strong>? Orders would then be booked there.</p>` +
      form('replace', `Replace with ${escapeHtml(q.tenantName)}`) +
      form('keep', `Keep ${escapeHtml(q.currentTenantName)}`),
    {
      connected: false,
      confirmationRequired: true,
      storeId: q.store.id,
      storeUrl: q.store.url,
      currentTenantName: q.currentTenantName,
      tenantName: q.tenantName,
      confirm: `POST ${q.confirmPath} {"flow": "${q.flow}", "decision": "replace" | "keep"}`,
    },
  );
}

/** Answers that the merchant kept the existing connection. */
export function sendKept(res: Response, result: { store: ConnectPageStore; tenantName: string }): void {
  send(
    res,
    'Xero connection kept',
    `<p>${storeHtml(result.store)} stays connected to Xero organisation <strong>${escapeHtml(result.tenantName)}</strong>.</p>`,
    {
      connected: true,
      replaced: false,
      storeId: result.store.id,
      storeUrl: result.store.url,
      tenantName: result.tenantName,
    },
  );
}
