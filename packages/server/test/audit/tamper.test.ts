/**
 * The audit log is append-only (a trigger refuses UPDATE/DELETE/TRUNCATE) and hash-chained per entity; anchors
 * pin the chain heads. Whoever gets round the trigger (a database superuser) is still caught by the verification,
 * which names the first broken row.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { rowHash } from '../../src/audit/service';
import type { AuditRow } from '../../src/audit/store';

let t: TestApp;
let admin: Client;
let parentId: string;
let n = 0;

interface Report {
  ok: boolean;
  rows: number;
  chains: number;
  anchors: number;
  firstBroken: { id: number; chainKey: string; seq: number; reason: string } | null;
  broken: { id: number; chainKey: string; seq: number; reason: string }[];
}

async function verify(): Promise<Report> {
  const res = await admin.get('/api/v1/audit/verify');
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function newUnit(): Promise<{ id: string; version: number }> {
  n++;
  const res = await admin.post('/api/v1/units', {
    code: `${String(n).padStart(3, '0')}.7D.7D.H26`,
    name: `Phòng kiểm tra nhật ký ${n}`,
    type: 'DEPARTMENT',
    parentId,
    validFrom: '2025-07-01',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** A unit with `edits` renames after its creation: a chain of edits + 1 rows. */
async function unitWithHistory(edits: number): Promise<string> {
  let unit = await newUnit();
  for (let i = 1; i <= edits; i++) {
    const res = await admin.patch(
      `/api/v1/units/${unit.id}`,
      { name: `Phòng kiểm tra nhật ký ${n}, lần sửa ${i}` },
      { 'if-match': `"${unit.version}"` },
    );
    assert.equal(res.statusCode, 200, res.body);
    unit = res.json();
  }
  return unit.id;
}

async function chainRows(entityId: string) {
  return t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('chain_key', '=', `unit:${entityId}`)
    .orderBy('seq')
    .execute();
}

/** Runs statements as the database superuser with the append-only trigger switched off, then switches it back on. */
async function asSuperuserBehindTrigger(statements: (c: pg.Client) => Promise<void>) {
  const c = new pg.Client({ connectionString: t.database.url });
  await c.connect();
  try {
    await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    try {
      await statements(c);
    } finally {
      await c.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    }
  } finally {
    await c.end();
  }
}

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  parentId = (
    await t.database.db.selectFrom('unit').select('id').where('code', '=', '000.00.L7.H26').executeTakeFirstOrThrow()
  ).id;
});
after(() => t.close());

describe('an untouched log', () => {
  test('verifies after writes, and counts every row and chain', async () => {
    await unitWithHistory(2);
    const report = await verify();
    const counts = await sql<{ rows: number; chains: number }>`
      SELECT count(*)::int AS rows, count(DISTINCT chain_key)::int AS chains FROM audit_log`.execute(t.database.db);
    assert.equal(report.ok, true, JSON.stringify(report.broken));
    assert.equal(report.firstBroken, null);
    assert.equal(report.rows, counts.rows[0]!.rows);
    assert.equal(report.chains, counts.rows[0]!.chains);
  });
});

describe('the append-only trigger', () => {
  test('refuses UPDATE, DELETE and TRUNCATE, even for the database owner', async () => {
    const [row] = await t.database.db.selectFrom('audit_log').select('id').orderBy('id').limit(1).execute();
    for (const statement of [
      sql`UPDATE audit_log SET summary = 'sửa lén' WHERE id = ${row!.id}`,
      sql`DELETE FROM audit_log WHERE id = ${row!.id}`,
      sql`TRUNCATE audit_log`,
    ]) {
      await assert.rejects(statement.execute(t.database.db), /append-only/);
    }
    const still = await t.database.db
      .selectFrom('audit_log')
      .select('summary')
      .where('id', '=', row!.id)
      .executeTakeFirst();
    assert.ok(still && still.summary !== 'sửa lén');
  });
});

describe('tampering behind the trigger is detected', () => {
  test('a changed summary: the row is named with HASH_MISMATCH', async () => {
    const id = await unitWithHistory(3);
    const rows = await chainRows(id);
    const target = rows[1]!;
    await asSuperuserBehindTrigger(async (c) => {
      await c.query(`UPDATE audit_log SET summary = 'Không có gì thay đổi' WHERE id = $1`, [target.id]);
    });
    const report = await verify();
    assert.equal(report.ok, false);
    assert.deepEqual(report.firstBroken, { id: target.id, chainKey: `unit:${id}`, seq: 2, reason: 'HASH_MISMATCH' });
    // Put it back: the log verifies again (the check reads the rows, it does not remember the damage).
    await asSuperuserBehindTrigger(async (c) => {
      await c.query(`UPDATE audit_log SET summary = $1 WHERE id = $2`, [target.summary, target.id]);
    });
    assert.equal((await verify()).ok, true);
  });

  test('a changed actor or time is caught just the same', async () => {
    const id = await unitWithHistory(1);
    const [created] = await chainRows(id);
    for (const change of [`actor_name = 'Người khác'`, `at = at + interval '1 second'`, `before_digest = 'x'`]) {
      await asSuperuserBehindTrigger(async (c) => {
        await c.query(`UPDATE audit_log SET ${change} WHERE id = $1`, [created!.id]);
      });
      assert.deepEqual(
        (await verify()).firstBroken,
        { id: created!.id, chainKey: `unit:${id}`, seq: 1, reason: 'HASH_MISMATCH' },
        change,
      );
      await asSuperuserBehindTrigger(async (c) => {
        await c.query(`UPDATE audit_log SET actor_name = $1, at = $2, before_digest = $3 WHERE id = $4`, [
          created!.actor_name,
          created!.at,
          created!.before_digest,
          created!.id,
        ]);
      });
      assert.equal((await verify()).ok, true, change);
    }
  });

  test('a deleted middle row: the row after the gap is named with SEQUENCE_GAP', async () => {
    const id = await unitWithHistory(3);
    const rows = await chainRows(id);
    await asSuperuserBehindTrigger(async (c) => {
      await c.query('DELETE FROM audit_log WHERE id = $1', [rows[1]!.id]);
    });
    const report = await verify();
    assert.equal(report.ok, false);
    assert.deepEqual(report.firstBroken, { id: rows[2]!.id, chainKey: `unit:${id}`, seq: 3, reason: 'SEQUENCE_GAP' });
  });

  test('a deleted last row: the chain head no longer matches (HEAD_MISMATCH)', async () => {
    const id = await unitWithHistory(2);
    const rows = await chainRows(id);
    await asSuperuserBehindTrigger(async (c) => {
      await c.query('DELETE FROM audit_log WHERE id = $1', [rows[2]!.id]);
    });
    const report = await verify();
    const mine = report.broken.find((b) => b.chainKey === `unit:${id}`);
    assert.deepEqual(mine, { id: rows[1]!.id, chainKey: `unit:${id}`, seq: 2, reason: 'HEAD_MISMATCH' });
  });

  test('a whole chain rewritten consistently after an anchor: caught by the anchor (ANCHOR_MISMATCH)', async () => {
    const id = await unitWithHistory(2);
    const anchorsBefore = (await admin.get('/api/v1/audit/anchors')).json().items.length as number;
    const queued = await admin.post('/api/v1/audit/anchors');
    assert.equal(queued.statusCode, 202, queued.body);
    // The job runs in this process (pg-boss, started on first use); wait for its anchor.
    let anchors: { id: number; chainCount: number }[] = [];
    for (let i = 0; i < 200 && anchors.length <= anchorsBefore; i++) {
      await new Promise((r) => setTimeout(r, 100));
      anchors = (await admin.get('/api/v1/audit/anchors')).json().items;
    }
    assert.equal(anchors.length, anchorsBefore + 1, 'the anchor job did not run');
    assert.ok(anchors[0]!.chainCount > 0);
    // Rewrite every row of the chain with a new summary and correct hashes, and move the head to match.
    const rows = await chainRows(id);
    await asSuperuserBehindTrigger(async (c) => {
      let prevHash: string | null = null;
      for (const r of rows) {
        const row: Omit<AuditRow, 'id' | 'hash'> = {
          chainKey: r.chain_key,
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          unitId: r.unit_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          beforeDigest: r.before_digest,
          afterDigest: r.after_digest,
          summary: `Bản ghi viết lại ${r.seq}`,
          requestId: r.request_id,
          prevHash,
        };
        const hash = rowHash(row);
        await c.query('UPDATE audit_log SET summary = $1, prev_hash = $2, hash = $3 WHERE id = $4', [
          row.summary,
          prevHash,
          hash,
          r.id,
        ]);
        prevHash = hash;
      }
      await c.query('UPDATE audit_chain_head SET hash = $1 WHERE chain_key = $2', [prevHash, `unit:${id}`]);
    });
    const report = await verify();
    const mine = report.broken.filter((b) => b.chainKey === `unit:${id}`);
    // The chain itself is consistent again: only the anchor knows.
    assert.deepEqual(mine, [
      { id: rows[rows.length - 1]!.id, chainKey: `unit:${id}`, seq: rows.length, reason: 'ANCHOR_MISMATCH' },
    ]);
    assert.equal(report.anchors, anchorsBefore + 1);
  });

  test('the first broken row is the one with the lowest id across chains', async () => {
    const report = await verify();
    assert.ok(report.broken.length >= 3, JSON.stringify(report.broken));
    const lowest = report.broken.reduce((a, b) => (b.id < a.id ? b : a));
    assert.deepEqual(report.firstBroken, lowest);
    assert.deepEqual(
      report.broken.map((b) => b.id),
      [...report.broken.map((b) => b.id)].sort((a, b) => a - b),
    );
  });
});

describe('one chain per entity', () => {
  test('writes to different units go to different chains, each with its own head', async () => {
    const a = await unitWithHistory(2);
    const b = await unitWithHistory(1);
    const heads = await t.database.db
      .selectFrom('audit_chain_head')
      .select(['chain_key', 'seq', 'hash'])
      .where('chain_key', 'in', [`unit:${a}`, `unit:${b}`])
      .orderBy('seq', 'desc')
      .execute();
    assert.deepEqual(
      heads.map((h) => [h.chain_key, h.seq]),
      [
        [`unit:${a}`, 3],
        [`unit:${b}`, 2],
      ],
    );
    for (const [entity, head] of [
      [a, heads[0]!],
      [b, heads[1]!],
    ] as const) {
      const rows = await chainRows(entity);
      assert.deepEqual(
        rows.map((r) => r.seq),
        rows.map((_, i) => i + 1),
      );
      assert.equal(rows[0]!.prev_hash, null, 'a chain starts from nothing, not from another unit’s row');
      for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
      assert.equal(rows[rows.length - 1]!.hash, head.hash);
      assert.ok(rows.every((r) => r.entity_id === entity));
    }
  });

  test('a write to one unit does not wait for a lock held on another unit’s chain', async () => {
    const a = await newUnit();
    const b = await newUnit();
    const locker = new pg.Client({ connectionString: t.database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM audit_chain_head WHERE chain_key = $1 FOR UPDATE', [`unit:${a.id}`]);
      const timeout = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms));
      const editA = admin.patch(`/api/v1/units/${a.id}`, { name: 'Phòng A đã sửa' }, { 'if-match': `"${a.version}"` });
      const editB = await Promise.race([
        admin.patch(`/api/v1/units/${b.id}`, { name: 'Phòng B đã sửa' }, { 'if-match': `"${b.version}"` }),
        timeout(5000),
      ]);
      assert.notEqual(editB, 'timeout', 'the edit of unit B waited for the chain of unit A');
      assert.equal((editB as Awaited<typeof editA>).statusCode, 200);
      // The edit of A, on the other hand, waits for the lock on its own chain.
      assert.equal(await Promise.race([editA.then(() => 'done' as const), timeout(300)]), 'timeout');
      await locker.query('COMMIT');
      assert.equal((await editA).statusCode, 200);
    } finally {
      await locker.end();
    }
    assert.equal(
      (await verify()).broken.some((x) => x.chainKey === `unit:${a.id}` || x.chainKey === `unit:${b.id}`),
      false,
    );
  });
});
