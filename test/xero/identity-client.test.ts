import {
  XeroAuthRevokedError,
  XeroClientCredentialsError,
  XeroTransientError,
  XeroUnauthorizedError,
} from '../../lib/xero/errors';
import { authEventIdOf, createXeroIdentityClient } from '../../lib/xero/identity-client';
import { type ScriptedServer, json, startScriptedServer } from './support/scripted-server';

let server: ScriptedServer;
let config: Parameters<typeof createXeroIdentityClient>[0];

beforeAll(async () => {
  server = await startScriptedServer();
  config = {
    clientId: 'client-1',
    clientSecret: 'shh-client-secret',
    apiUrl: `${server.origin}/api.xro/2.0`,
    connectionsUrl: `${server.origin}/connections`,
    identityUrl: server.origin,
    authorizeUrl: `${server.origin}/connect/authorize`,
    scopes: 'openid offline_access accounting.transactions',
    redirectUri: 'http://localhost:3000/oauth/xero/callback',
  };
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

const tokenBody = {
  access_token: 'at-1',
  refresh_token: 'rt-2',
  expires_in: 1800,
  token_type: 'Bearer',
  scope: 'openid',
};

describe('identity client', () => {
  it('builds the consent URL from configuration', () => {
    const url = new URL(createXeroIdentityClient(config).buildAuthorizeUrl('state-xyz'));
    expect(`${url.origin}${url.pathname}`).toBe(config.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: config.redirectUri,
      scope: config.scopes,
      state: 'state-xyz',
    });
  });

  it('exchanges a code with Basic auth and a form body', async () => {
    server.enqueue(json(200, tokenBody));
    const tokens = await createXeroIdentityClient(config).exchangeCode('code-1');
    expect(tokens).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-2',
      expiresInSeconds: 1800,
      scope: 'openid',
      idToken: undefined,
    });
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/connect/token');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('client-1:shh-client-secret').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: config.redirectUri,
    });
  });

  it('refreshes with the refresh_token grant', async () => {
    server.enqueue(json(200, tokenBody));
    await createXeroIdentityClient(config).refreshTokens('rt-1');
    expect(Object.fromEntries(new URLSearchParams(server.requests[0].body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
    });
  });

  it('turns invalid_grant into XeroAuthRevokedError without leaking the token', async () => {
    server.enqueue(json(400, { error: 'invalid_grant' }));
    const err = await createXeroIdentityClient(config)
      .refreshTokens('rt-very-secret')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroAuthRevokedError);
    expect((err as Error).message).not.toContain('rt-very-secret');
  });

  it('reports a refused client as a configuration error without the secret', async () => {
    server.enqueue(json(400, { error: 'invalid_client' }));
    const err = await createXeroIdentityClient(config)
      .refreshTokens('rt-1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroClientCredentialsError);
    expect((err as Error).message).toContain('invalid_client');
    expect((err as Error).message).not.toContain('shh-client-secret');
  });

  it('treats a 503 and a timeout from the token endpoint as transient', async () => {
    server.enqueue({ status: 503, body: 'down' });
    await expect(createXeroIdentityClient(config).refreshTokens('rt-1')).rejects.toBeInstanceOf(XeroTransientError);
    server.enqueue({ status: 200, body: '{}', delayMs: 500 });
    const slow = createXeroIdentityClient(config, { timeoutMs: 50 });
    const err = await slow.refreshTokens('rt-1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XeroTransientError);
    expect((err as XeroTransientError).noResponse).toBe(true);
  });

  it('lists connections with the bearer token and an optional authEventId filter', async () => {
    const connection = {
      id: 'conn-1',
      authEventId: 'ev-1',
      tenantId: 'tenant-1',
      tenantName: 'Demo Company (NZ)',
      tenantType: 'ORGANISATION',
      createdDateUtc: '2019-12-07T18:46:19.5165400',
      updatedDateUtc: '2019-12-07T18:46:19.5187840',
    };
    server.enqueue(json(200, [connection]));
    const list = await createXeroIdentityClient(config).listConnections('at-1', 'ev-1');
    expect(list).toEqual([connection]);
    expect(server.requests[0].url).toBe('/connections?authEventId=ev-1');
    expect(server.requests[0].headers.authorization).toBe('Bearer at-1');
    expect(server.requests[0].headers['xero-tenant-id']).toBeUndefined();
  });

  it('classifies a 401 from /connections', async () => {
    server.enqueue(json(401, { title: 'Unauthorized', status: 401 }));
    await expect(createXeroIdentityClient(config).listConnections('bad')).rejects.toBeInstanceOf(XeroUnauthorizedError);
  });

  it('reads authentication_event_id from an access token', () => {
    const payload = Buffer.from(JSON.stringify({ authentication_event_id: 'ev-9' })).toString('base64url');
    expect(authEventIdOf(`h.${payload}.s`)).toBe('ev-9');
    expect(authEventIdOf('not-a-jwt')).toBeUndefined();
  });
});
