/**
 * Concurrent writers PostgreSQL picks as deadlock victims are run again instead of answering 500: both writes land.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { transactionRetryingDeadlocks, type Db } from '../../src/platform/db';
import { createTestDatabase, type TestDatabase } from '../support/testDb';

let database: TestDatabase;
after(async () => database?.drop());

/** Two transactions that lock rows 1 and 2 in opposite orders, each waiting until the other holds its first row. */
async function crossedWriters(run: (work: (trx: Db) => Promise<void>) => Promise<void>) {
  database ??= await createTestDatabase({ empty: true });
  const db = database.db;
  await sql`DROP TABLE IF EXISTS counter`.execute(db);
  await sql`CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)`.execute(db);
  await sql`INSERT INTO counter VALUES (1, 0), (2, 0)`.execute(db);
  let arrived = 0;
  let release!: () => void;
  const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
  const writer = (first: number, second: number) => async (trx: Db) => {
    await sql`UPDATE counter SET n = n + 1 WHERE id = ${first}`.execute(trx);
    if (++arrived === 2) release();
    await bothHoldOne;
    await sql`UPDATE counter SET n = n + 1 WHERE id = ${second}`.execute(trx);
  };
  const outcomes = await Promise.allSettled([run(writer(1, 2)), run(writer(2, 1))]);
  const rows = await sql<{ id: number; n: number }>`SELECT id, n FROM counter ORDER BY id`.execute(db);
  return { outcomes, counts: rows.rows.map((r) => r.n) };
}

test('without the retry, one of two crossed writers fails as a deadlock victim', async () => {
  const { outcomes, counts } = await crossedWriters((work) => database.db.transaction().execute(work));
  const failed = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
  assert.equal(failed.length, 1);
  assert.equal((failed[0]!.reason as { code?: string }).code, '40P01');
  assert.deepEqual(counts, [1, 1]);
});

test('with the retry, both crossed writers land and each row counts both', async () => {
  const { outcomes, counts } = await crossedWriters((work) => transactionRetryingDeadlocks(database.db, work));
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['fulfilled', 'fulfilled'],
  );
  assert.deepEqual(counts, [2, 2]);
});
