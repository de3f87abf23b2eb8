/** The benchmarks' PostgreSQL: the server DATABASE_URL names, or an embedded one in a temporary folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../packages/server/src/platform/embeddedPostgres';
import { withDatabase } from '../../packages/server/src/platform/db';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** One statement on its own connection (CREATE DATABASE cannot run inside the pool's transactions). */
export async function query(url: string, text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

export interface BenchDatabase {
  /** The database the benchmark's server uses. */
  url: string;
  /** The same server's `postgres` database, for CREATE and DROP DATABASE. */
  serverUrl: string;
  embedded: boolean;
  /** Drops what was created here and stops the embedded server; a DATABASE_URL database is left as it is. */
  close(): Promise<void>;
}

/**
 * `given` (normally DATABASE_URL) names the database to use as it is; without it, an embedded PostgreSQL starts
 * in a temporary folder with an empty `name` database, and close() removes both.
 */
export async function benchDatabase(given: string | undefined, name = 'motcua_bench'): Promise<BenchDatabase> {
  if (given) return { url: given, serverUrl: withDatabase(given, 'postgres'), embedded: false, close: async () => {} };
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  let server: EmbeddedDatabase | undefined;
  const close = async () => {
    if (server) await query(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await server?.stop().catch(() => {});
    fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    server = await startEmbeddedPostgres(tmpDir, { port: await freePort() });
    await query(server.url, `CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    return { url: withDatabase(server.url, name), serverUrl: server.url, embedded: true, close };
  } catch (e) {
    await close();
    throw e;
  }
}
