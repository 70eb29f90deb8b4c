/** Storage: the Db interface over PGlite or PostgreSQL, migrations, and the repositories. */
export type { Db, Row } from './db';
export { createPgliteSnapshot, openDatabase, type OpenDatabaseOptions } from './open-database';
export * from './repositories';
