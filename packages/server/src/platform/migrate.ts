import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from './config';

export const migrationsDir = path.join(projectRoot, 'packages/server/migrations');

export interface MigrationResult {
  applied: string[];
}

/**
 * Forward-only migrations: numbered plain SQL files, each applied in its own transaction together with its
 * row in schema_migration, so a failing file leaves the database as it was. An advisory lock keeps two
 * server processes starting together from applying the same file twice.
 */
export async function migrate(url: string, dir = migrationsDir): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(742025)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query('SELECT name FROM schema_migration')).rows.map((r) => r.name as string));
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{3}_.+\.sql$/.test(f))
      .sort();
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock(742025)').catch(() => {});
    await client.end();
  }
}
