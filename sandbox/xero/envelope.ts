import type { AccountingContext } from './context';
import { msDateNoOffset } from './dates';
import { jsonResponse, type SandboxResponse } from './http-types';
import { newId } from './ids';

/** The 200 envelope: `{Id, Status:'OK', ProviderName, DateTimeUTC, …extra, <Resource>: [...]}`. */
export function envelope(
  ctx: AccountingContext,
  resourceKey: string,
  items: unknown[],
  extra: Record<string, unknown> = {},
): SandboxResponse {
  return jsonResponse(200, {
    Id: newId(),
    Status: 'OK',
    ProviderName: ctx.providerName,
    DateTimeUTC: msDateNoOffset(ctx.clock.now()),
    ...extra,
    [resourceKey]: items,
  });
}
