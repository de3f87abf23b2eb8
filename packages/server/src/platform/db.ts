import { createHash } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema';

// `date` columns are local calendar dates ('YYYY-MM-DD'): never turn them into a JS Date at UTC midnight.
pg.types.setTypeParser(1082, (value) => value);
// bigint counts fit in a JS number for everything this product counts.
pg.types.setTypeParser(20, (value) => Number(value));

export type Db = Kysely<Database>;

const PREPARED_MARK = '/*prepared*/';

/**
 * Put first in a hot statement of fixed shape (`sql\`${prepared}SELECT …\``): the connection then sends it as a
 * named prepared statement, parsed and planned once per connection instead of on every call. Only for statements
 * with a bounded number of texts (each text stays prepared on every connection of the pool).
 */
export const prepared = sql.raw(PREPARED_MARK);

type Query = (...args: unknown[]) => unknown;
const statementNames = new Map<string, string>();

/** Sends marked statements by name: node-pg prepares a name once per connection and then only binds it. */
function namePreparedStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as Query;
  (client as unknown as { query: Query }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && config.startsWith(PREPARED_MARK)) {
      let name = statementNames.get(config);
      if (!name)
        statementNames.set(config, (name = `p${createHash('sha1').update(config).digest('hex').slice(0, 20)}`));
      return typeof values === 'function'
        ? query({ name, text: config }, values)
        : query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  };
}

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'motcua' });
  // An idle connection dropped by the server (PostgreSQL stopping first at shutdown, a restart) is an event on the
  // pool, not a crash: the next query opens a new connection or fails with its own error.
  pool.on('error', (e) => {
    process.emitWarning(`PostgreSQL connection lost: ${e.message}`);
  });
  pool.on('connect', (client) => {
    namePreparedStatements(client);
    client.query("SET TIME ZONE 'Asia/Ho_Chi_Minh'").catch(() => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Runs a transaction, starting it again when PostgreSQL picks it as a deadlock victim. Two concurrent inserts that
 * collide on an exclusion constraint can each wait for the other (the PostgreSQL manual says so of exclusion
 * constraints); the victim's rerun then sees the winner's committed row and gives the same answer as any late writer.
 */
export async function transactionRetryingDeadlocks<T>(db: Db, work: (trx: Db) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (e) {
      if ((e as { code?: string }).code !== '40P01' || attempt >= attempts) throw e;
    }
  }
}
