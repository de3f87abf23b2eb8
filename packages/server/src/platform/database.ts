import pg from 'pg';
import type { Config } from './config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embeddedPostgres';
import { withDatabase } from './db';

export interface DatabaseTarget {
  url: string;
  embedded: EmbeddedDatabase | undefined;
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0)
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when given; otherwise an embedded PostgreSQL under DATA_DIR with a `motcua` database. */
export async function openDatabase(config: Config, onLog?: (line: string) => void): Promise<DatabaseTarget> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: undefined };
  const embedded = await startEmbeddedPostgres(config.dataDir, { onLog });
  await ensureDatabase(embedded.url, 'motcua');
  return { url: withDatabase(embedded.url, 'motcua'), embedded };
}
