import { authorizeSandbox } from '../../sandbox/xero';
import { startCommandLineSandboxes, type CommandLineSandboxes } from '../../sandbox/command-line';
import { send } from './helpers';

const MINUTE = 60_000;
let sandboxes: CommandLineSandboxes | undefined;
afterEach(async () => {
  jest.restoreAllMocks();
  await sandboxes?.close();
  sandboxes = undefined;
});

describe('the sandbox Xero as `npm run sandbox` starts it', () => {
  it('follows real time: after its minute window ends it admits calls again, without anyone moving its clock', async () => {
    sandboxes = await startCommandLineSandboxes({ WOO_SANDBOX_PORT: '0', XERO_SANDBOX_PORT: '0' });
    const { xero } = sandboxes;
    const tokens = await authorizeSandbox(xero);
    const call = () =>
      send(`${xero.url}/api.xro/2.0/Currencies`, {
        headers: { authorization: `Bearer ${tokens.access_token}`, 'xero-tenant-id': xero.tenantIds[0] },
      });
    for (let i = 0; i < 60; i++) expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(429);

    // The wall clock moves on past the minute (simulated, so the test never waits).
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + MINUTE + 1000);
    expect((await call()).status).toBe(200);
  });

  it('still lets a test move the clock by hand', async () => {
    sandboxes = await startCommandLineSandboxes({ WOO_SANDBOX_PORT: '0', XERO_SANDBOX_PORT: '0' });
    const { clock } = sandboxes.xero;
    const before = clock.now();
    clock.advance(31 * MINUTE);
    expect(clock.now()).toBeGreaterThanOrEqual(before + 31 * MINUTE);
  });
});
