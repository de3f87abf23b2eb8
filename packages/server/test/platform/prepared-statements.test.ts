/**
 * Hot statements marked with `prepared` are parsed and planned once per connection (named prepared statements);
 * unmarked ones are not kept, and a marked statement answers exactly as the same text sent unnamed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { connect, prepared, type DbHandle } from '../../src/platform/db';
import { createTestDatabase, type TestDatabase } from '../support/testDb';

let database: TestDatabase;
let single: DbHandle;
before(async () => {
  database = await createTestDatabase({ empty: true });
  // One connection: every statement below runs on the connection whose prepared statements are listed.
  single = connect(database.url, 1);
});
after(async () => {
  await single?.close();
  await database?.drop();
});

const listed = async () =>
  (
    await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements ORDER BY statement`.execute(single.db)
  ).rows.map((r) => r.statement);

test('a marked statement is prepared once per connection and reused with new parameters', async () => {
  const square = (n: number) => sql<{ v: number }>`${prepared}SELECT ${n}::int * ${n}::int AS v`.execute(single.db);
  assert.equal((await square(3)).rows[0]!.v, 9);
  assert.equal((await square(12)).rows[0]!.v, 144);
  const mine = (await listed()).filter((s) => s.includes('::int * $2::int'));
  assert.equal(mine.length, 1, 'one prepared statement for both calls');
  assert.ok(mine[0]!.startsWith('/*prepared*/'));
});

test('an unmarked statement is not kept; both kinds give the same rows', async () => {
  const text = (m: boolean) => sql<{ a: number; b: string }>`${m ? prepared : sql``}SELECT 7 AS a, ${'x'}::text AS b`;
  const plain = await text(false).execute(single.db);
  const named = await text(true).execute(single.db);
  assert.deepEqual(named.rows, plain.rows);
  const kept = await listed();
  assert.equal(kept.filter((s) => s.includes('SELECT 7 AS a')).length, 1, 'only the marked one is kept');
  assert.ok(kept.every((s) => s.startsWith('/*prepared*/')));
});

test('a marked statement inside a transaction sees the transaction', async () => {
  await sql`CREATE TABLE t (n int)`.execute(single.db);
  const count = await single.db.transaction().execute(async (trx) => {
    await sql`INSERT INTO t VALUES (1), (2)`.execute(trx);
    return (await sql<{ c: number }>`${prepared}SELECT count(*)::int AS c FROM t`.execute(trx)).rows[0]!.c;
  });
  assert.equal(count, 2);
});
