/**
 * Forward-only migrations: each file applied once, in order, in its own transaction with its schema_migration
 * row, so a failing file leaves the database as it was.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, migrationsDir } from '../../src/platform/migrate';
import { createTestDatabase, type TestDatabase } from '../support/testDb';

const dbs: TestDatabase[] = [];
const dirs: string[] = [];
after(async () => {
  for (const d of dbs) await d.drop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function emptyDb() {
  const db = await createTestDatabase({ empty: true });
  dbs.push(db);
  return db;
}

async function query<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

const tables = async (url: string) =>
  (
    await query<{ t: string }>(
      url,
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    )
  ).map((r) => r.t);
const appliedNames = async (url: string) =>
  (await query<{ name: string }>(url, 'SELECT name FROM schema_migration ORDER BY name')).map((r) => r.name);

function tempDir(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-migrations-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('the project migrations on an empty database', () => {
  let db: TestDatabase;
  before(async () => {
    db = await emptyDb();
  });

  test('the first run applies every file once, in order; a second run applies none', async () => {
    const files = fs
      .readdirSync(migrationsDir)
      .filter((f) => /^\d{3}_.+\.sql$/.test(f))
      .sort();
    assert.ok(files.length >= 4, files.join());
    assert.deepEqual(await tables(db.url), []);
    const first = await migrate(db.url);
    assert.deepEqual(first.applied, files);
    assert.deepEqual(await appliedNames(db.url), files);
    for (const table of [
      'unit',
      'unit_succession',
      'app_user',
      'role_grant',
      'user_session',
      'api_token',
      'audit_log',
      'audit_chain_head',
      'audit_anchor',
    ])
      assert.ok((await tables(db.url)).includes(table), table);
    const second = await migrate(db.url);
    assert.deepEqual(second.applied, []);
    assert.deepEqual(await appliedNames(db.url), files);
  });

  test('the migrated schema enforces its rules: unit code format, and the append-only audit log', async () => {
    await assert.rejects(
      query(
        db.url,
        `INSERT INTO unit (code, name, type, valid_from) VALUES ('sai-ma', 'Thử', 'PROVINCE', '2025-01-01')`,
      ),
      /check constraint/,
    );
    await query(
      db.url,
      `INSERT INTO audit_log (chain_key, seq, at, action, entity_type, entity_id, hash) VALUES ('x:1', 1, now(), 'a', 'x', '1', 'h')`,
    );
    await assert.rejects(query(db.url, `DELETE FROM audit_log`), /append-only/);
  });

  test('the dossier state is compressed with lz4 where the server has it, else with the default (pglz)', async () => {
    const lz4 = await query(db.url, `CREATE TEMP TABLE probe (v text COMPRESSION lz4)`).then(
      () => true,
      (e: Error) => (/lz4 not supported/.test(e.message) ? false : Promise.reject(e)),
    );
    const [column] = await query<{ method: string }>(
      db.url,
      `SELECT attcompression AS method FROM pg_attribute WHERE attrelid = 'dossier'::regclass AND attname = 'state_json'`,
    );
    assert.equal(column!.method, lz4 ? 'l' : '', `lz4 available: ${lz4}`);
  });
});

describe('a failing migration', () => {
  test('leaves the database unchanged: no table from the failing file, no schema_migration row for it', async () => {
    const db = await emptyDb();
    const dir = tempDir({
      '001_first.sql': 'CREATE TABLE first_table (id int PRIMARY KEY);',
      '002_broken.sql': `CREATE TABLE second_table (id int PRIMARY KEY);
        INSERT INTO first_table VALUES (1);
        SELECT no_such_function();`,
      '003_third.sql': 'CREATE TABLE third_table (id int PRIMARY KEY);',
      'README.md': 'not a migration',
    });
    await assert.rejects(migrate(db.url, dir), /002_broken\.sql/);
    assert.deepEqual(await tables(db.url), ['first_table', 'schema_migration']);
    assert.deepEqual(await appliedNames(db.url), ['001_first.sql']);
    assert.deepEqual(await query(db.url, 'SELECT * FROM first_table'), [], 'the failed file’s insert was rolled back');

    // Fixed, the next run applies the fixed file and the rest, and only them.
    fs.writeFileSync(path.join(dir, '002_broken.sql'), 'CREATE TABLE second_table (id int PRIMARY KEY);');
    assert.deepEqual((await migrate(db.url, dir)).applied, ['002_broken.sql', '003_third.sql']);
    assert.deepEqual(await tables(db.url), ['first_table', 'schema_migration', 'second_table', 'third_table']);
  });

  test('two processes migrating at once apply each file once', async () => {
    const db = await emptyDb();
    const dir = tempDir({
      '001_a.sql': 'CREATE TABLE a (id int); SELECT pg_sleep(0.2);',
      '002_b.sql': 'CREATE TABLE b (id int);',
    });
    const [x, y] = await Promise.all([migrate(db.url, dir), migrate(db.url, dir)]);
    assert.deepEqual([...x.applied, ...y.applied].sort(), ['001_a.sql', '002_b.sql']);
    assert.deepEqual(await appliedNames(db.url), ['001_a.sql', '002_b.sql']);
  });
});
