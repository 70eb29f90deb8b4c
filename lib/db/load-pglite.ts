import nodeModule from 'node:module';

/** The `@electric-sql/pglite` module. */
export type PgliteModule = typeof import('@electric-sql/pglite');

/**
 * Loads PGlite with Node's own require. PGlite calls `import()` inside, which Jest's module sandbox rejects unless
 * Node runs with --experimental-vm-modules (electric-sql/pglite#224). Jest hands out a subclass of Node's Module as
 * `node:module`, whose parent class still carries Node's createRequire; in a plain Node process there is no such
 * parent and this is an ordinary require. Under Jest the module then lives in another realm (its Dates, arrays and
 * errors are not the test's), which the PGlite driver accounts for.
 */
export function loadPglite(): PgliteModule {
  const parent = Object.getPrototypeOf(nodeModule) as Partial<typeof nodeModule>;
  const createRequire = typeof parent.createRequire === 'function' ? parent.createRequire : nodeModule.createRequire;
  return createRequire(__filename)('@electric-sql/pglite') as PgliteModule;
}
