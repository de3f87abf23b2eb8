import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, withDatabase, type DbHandle } from '../../src/platform/db';

/** One template per test run (the runner sets it), so runs sharing one server do not collide. */
export const TEMPLATE_DB = process.env.MOTCUA_TEST_TEMPLATE ?? `motcua_test_template_${process.pid}`;

/** Server URL the test runner prepared (embedded PostgreSQL, or TEST_DATABASE_URL's server). */
export function serverUrl(): string {
  const url = process.env.MOTCUA_TEST_SERVER_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('Run tests through `npm test` (it starts PostgreSQL and sets MOTCUA_TEST_SERVER_URL).');
  return url;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh database per test file, copied from the migrated template that holds the demo data, so files run
 * in parallel without seeing each other's writes.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `motcua_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : TEMPLATE_DB}`));
  const url = withDatabase(serverUrl(), name);
  const handle = connect(url, 5);
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
