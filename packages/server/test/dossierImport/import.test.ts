/**
 * Legacy dossier import through HTTP and the CLI on a real PostgreSQL: dry run, all or nothing per batch, mapping
 * onto units and procedures by code, duplicate codes, index_dirty marks, scope, the command on a temporary file.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { projectRoot } from '../../src/platform/config';
import { importDossiersCommand } from '../../src/dossierImport/cli';
import { MELINH_CODE, onlineProcedureAt, unitIdOf } from '../support/dossierFixtures';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

const URL = '/api/v1/admin/dossier-imports';
let t: TestApp;
let admin: Client;
let officer: Client;
let melinhId: string;
let procedureCode: string;
let otherProcedure: string;
let formerCommune: { id: string; code: string; validTo: string };
let n = 0;

/** A dossier of the former system in the national-portal sync shape, resolved on time. */
function record(extra: Record<string, unknown> = {}) {
  n++;
  return {
    MaHoSo: `CU-${String(n).padStart(5, '0')}-${randomUUID().slice(0, 8)}`,
    MaDonVi: MELINH_CODE,
    MaTTHC: procedureCode,
    KenhThucHien: 1,
    NgayNopHoSo: '20250805081000',
    NgayTiepNhan: '2025-08-05T08:15:00+07:00',
    NgayHenTra: '2025-08-12T17:00:00+07:00',
    NgayKetThucXuLy: '2025-08-11T10:00:00+07:00',
    TrangThai: [
      { status: 2, at: '2025-08-05T08:15:00+07:00' },
      { status: 4, at: '2025-08-05T14:00:00+07:00' },
      { status: 9, at: '2025-08-11T10:00:00+07:00' },
      { status: 10, at: '2025-08-11T15:00:00+07:00' },
    ],
    ThoiGianGiaiQuyet: 5,
    DonViTinh: 'ngày làm việc',
    DanhSachPhiLePhi: [{ Gia: 0 }],
    TrichYeuHoSo: 'Đăng ký khai sinh cho cháu Nguyễn Văn An',
    ...extra,
  };
}

const count = async (query: string) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(query)}`.execute(t.database.db)).rows[0]!.n,
  );
const written = async () => ({
  dossiers: await count('legacy_dossier'),
  batches: await count('legacy_import_batch'),
  dirty: await count(`index_dirty WHERE source = 'LEGACY'`),
});

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  officer = await t.login('tiepnhan');
  const db = t.database.db;
  melinhId = await unitIdOf(db);
  const procs = await db.selectFrom('procedure').select('code').orderBy('code').limit(2).execute();
  procedureCode = procs[0]!.code;
  otherProcedure = procs[1]!.code;
  const former = await db
    .selectFrom('unit')
    .select(['id', 'code', 'valid_to'])
    .where('valid_to', '=', '2025-06-30')
    .where('type', '=', 'COMMUNE')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  formerCommune = { id: former.id, code: former.code, validTo: former.valid_to! };
});
after(() => t.close());

describe('admin API', () => {
  test('a dry run reports every record and writes nothing', async () => {
    const before = await written();
    const good = record();
    const res = await admin.post(URL, {
      dryRun: true,
      dossiers: [good, record({ MaTTHC: '9.999999', KenhThucHien: 7 }), record({ MaDonVi: '999.99.99.H26' })],
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.dryRun, true);
    assert.equal(r.written, false);
    assert.equal(r.batchId, undefined);
    assert.equal(r.accepted, 1);
    assert.equal(r.rejected, 2);
    assert.deepEqual(r.records[0], { index: 0, code: good.MaHoSo, status: 'OK', unitId: melinhId });
    assert.equal(r.records[1].status, 'ERROR');
    assert.deepEqual(
      r.records[1].errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['KenhThucHien', 'IMPORT_RECORD_INVALID']],
      'a record failing the schema is not looked up further',
    );
    assert.match(r.records[1].errors[0].message, /Kênh thực hiện/);
    assert.deepEqual(r.records[2].errors, [
      {
        field: 'MaDonVi',
        code: 'IMPORT_UNIT_UNKNOWN',
        message: 'Không có đơn vị nào mang mã định danh 999.99.99.H26.',
      },
    ]);
    assert.deepEqual(await written(), before);
  });

  test('a good batch is written with its index_dirty marks, an audit row and a listed batch', async () => {
    const records = [record(), record({ KenhThucHien: 2 }), record({ NgayTiepNhan: null, TrangThai: [] })];
    // decomposed Vietnamese (NFD) comes back composed (NFC)
    records[0]!.TrichYeuHoSo = 'Nguyễn Thị Hà'.normalize('NFD');
    const res = await admin.post(URL, { source: 'Một cửa điện tử cũ (2019–2025)', dossiers: records });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.written, true);
    assert.equal(r.accepted, 3);
    assert.equal(r.rejected, 0);
    assert.match(r.batchId, /^[0-9a-f-]{36}$/);
    const rows = await sql<{
      id: string;
      code: string;
      unit_id: string;
      procedure_code: string;
      received_at: Date | null;
      record: Record<string, unknown>;
      imported_by: string;
    }>`SELECT * FROM legacy_dossier WHERE batch_id = ${r.batchId}::uuid ORDER BY code`.execute(t.database.db);
    assert.deepEqual(
      rows.rows.map((x) => x.code),
      records.map((x) => x.MaHoSo).sort(),
    );
    for (const row of rows.rows) {
      assert.equal(row.unit_id, melinhId);
      assert.equal(row.procedure_code, procedureCode);
      assert.equal(row.imported_by, admin.userId);
    }
    const first = rows.rows.find((x) => x.code === records[0]!.MaHoSo)!;
    assert.equal(first.received_at?.toISOString(), '2025-08-05T01:15:00.000Z');
    assert.equal(first.record.TrichYeuHoSo, 'Nguyễn Thị Hà'.normalize('NFC'));
    assert.equal(first.record.NgayNopHoSo, '20250805081000', 'the record is stored as given');
    assert.equal(rows.rows.find((x) => x.code === records[2]!.MaHoSo)!.received_at, null);
    const dirty = await sql<{ record_id: string }>`
      SELECT record_id FROM index_dirty WHERE source = 'LEGACY' AND record_id = ANY(${rows.rows.map((x) => x.id)}::uuid[])`.execute(
      t.database.db,
    );
    assert.equal(dirty.rows.length, 3);
    const audit = await sql<{ action: string; summary: string }>`
      SELECT action, summary FROM audit_log WHERE entity_type = 'legacy_import_batch' AND entity_id = ${r.batchId}`.execute(
      t.database.db,
    );
    assert.deepEqual(
      audit.rows.map((a) => a.action),
      ['dossier.import'],
    );
    const list = await admin.get(`${URL}?limit=5`);
    assert.equal(list.statusCode, 200, list.body);
    const listed = list.json().items.find((b: { id: string }) => b.id === r.batchId);
    assert.ok(listed, list.body);
    assert.equal(listed.recordCount, 3);
    assert.equal(listed.source, 'Một cửa điện tử cũ (2019–2025)');
    assert.deepEqual(listed.unitIds, [melinhId]);
    assert.equal(listed.receivedFrom, '2025-08-05T08:15:00+07:00');
    assert.match(listed.importedAt, /\+07:00$/);
  });

  test('one bad record refuses the whole batch (422 with the report); nothing is written', async () => {
    const before = await written();
    const res = await admin.post(URL, { dossiers: [record(), record({ MaTTHC: '9.999999' }), record()] });
    assert.equal(res.statusCode, 422, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const p = res.json();
    assert.equal(p.code, 'IMPORT_REJECTED');
    assert.equal(p.status, 422);
    assert.match(p.detail, /1\/3 bản ghi/);
    assert.deepEqual(p.errors, [
      {
        field: 'body.dossiers.1.MaTTHC',
        message: 'Thủ tục 9.999999 không có trong danh mục thủ tục hành chính của motcua.',
      },
    ]);
    assert.equal(p.report.written, false);
    assert.equal(p.report.accepted, 2);
    assert.deepEqual(
      p.report.records.map((x: { status: string }) => x.status),
      ['OK', 'ERROR', 'OK'],
    );
    assert.equal(p.report.records[1].errors[0].code, 'IMPORT_PROCEDURE_UNKNOWN');
    assert.deepEqual(await written(), before);
  });

  test('schema errors name the field; a record that is not an object is reported too', async () => {
    const bad = record({ TrangThai: [{ status: 11, at: 'hôm qua' }] }) as Record<string, unknown>;
    delete bad.MaDonVi;
    const res = await admin.post(URL, {
      dryRun: true,
      dossiers: [bad, 'không phải hồ sơ', record({ MaDonVi: 'H26' })],
    });
    assert.equal(res.statusCode, 200, res.body);
    const [a, b, c] = res.json().records;
    assert.deepEqual(a.errors.map((e: { field: string }) => e.field).sort(), [
      'MaDonVi',
      'TrangThai.0.at',
      'TrangThai.0.status',
    ]);
    assert.ok(a.errors.every((e: { code: string }) => e.code === 'IMPORT_RECORD_INVALID'));
    assert.equal(a.code, bad.MaHoSo);
    assert.deepEqual(b, {
      index: 1,
      code: null,
      status: 'ERROR',
      errors: [{ field: '', code: 'IMPORT_RECORD_INVALID', message: 'Mỗi hồ sơ phải là một đối tượng JSON.' }],
    });
    assert.equal(c.errors[0].field, 'MaDonVi');
    assert.match(c.errors[0].message, /LLL\.CC\.BB\.AAA/);
  });

  test('the unit is the one carrying the code on the reception date', async () => {
    const inTime = record({ MaDonVi: formerCommune.code, NgayTiepNhan: '2024-03-05T08:00:00+07:00' });
    const late = record({ MaDonVi: formerCommune.code, NgayTiepNhan: '2025-09-01T08:00:00+07:00' });
    const res = await admin.post(URL, { dryRun: true, dossiers: [inTime, late] });
    assert.equal(res.statusCode, 200, res.body);
    const [a, b] = res.json().records;
    assert.deepEqual(a, { index: 0, code: inTime.MaHoSo, status: 'OK', unitId: formerCommune.id });
    assert.equal(b.status, 'OK');
    assert.equal(b.unitId, formerCommune.id);
    assert.match(b.warnings[0], new RegExp(`không có hiệu lực vào ngày 2025-09-01.*đến ${formerCommune.validTo}`));
  });

  test('duplicate codes: in the batch, already imported, already a motcua dossier', async () => {
    const first = record();
    const ok = await admin.post(URL, { dossiers: [first] });
    assert.equal(ok.statusCode, 200, ok.body);
    // re-importing the same batch is refused per record, so nothing counts twice
    const again = await admin.post(URL, { dossiers: [first] });
    assert.equal(again.statusCode, 422, again.body);
    assert.equal(again.json().report.records[0].errors[0].code, 'IMPORT_CODE_ALREADY_IMPORTED');
    assert.equal(await count(`legacy_dossier WHERE code = '${first.MaHoSo}'`), 1);

    const twice = record();
    const inBatch = await admin.post(URL, {
      dryRun: true,
      dossiers: [twice, record(), { ...twice, MaTTHC: otherProcedure }],
    });
    assert.deepEqual(inBatch.json().records[2].errors, [
      {
        field: 'MaHoSo',
        code: 'IMPORT_CODE_DUPLICATE_IN_BATCH',
        message: `Mã hồ sơ ${twice.MaHoSo} đã có ở bản ghi số 1 của lô này.`,
      },
    ]);

    const ours = await receiveOneDossier();
    const clash = await admin.post(URL, { dryRun: true, dossiers: [record({ MaHoSo: ` ${ours} ` })] });
    assert.deepEqual(
      clash.json().records[0].errors.map((e: { code: string }) => e.code),
      ['IMPORT_CODE_EXISTS'],
    );
  });

  test('the endpoints are in the OpenAPI document', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const ops = res.json().paths['/api/v1/admin/dossier-imports'];
    assert.ok(ops?.post && ops.get, Object.keys(res.json().paths).join());
    assert.ok(ops.post.responses['422']);
  });

  test('more records than the limit per request → 400', async () => {
    const res = await admin.post(URL, { dryRun: true, dossiers: Array.from({ length: 5001 }, () => ({})) });
    assert.equal(res.statusCode, 400, res.body.slice(0, 500));
    assert.equal(res.json().errors[0].field, 'body.dossiers');
  });
});

describe('authorisation', () => {
  test('a counter officer gets 403 and writes nothing; the administrator may import and list', async () => {
    const before = await written();
    const res = await officer.post(URL, { dossiers: [record()] });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'FORBIDDEN');
    assert.equal((await officer.get(URL)).statusCode, 403);
    assert.equal((await t.anonymous.post(URL, { dossiers: [record()] })).statusCode, 401);
    assert.deepEqual(await written(), before);
    assert.equal((await admin.get(URL)).statusCode, 200);
  });

  test('an administrator of one commune cannot import records of another unit, even as a dry run', async () => {
    const username = `qtxa-${randomUUID().slice(0, 6)}`;
    const user = await admin.post('/api/v1/users', { username, fullName: 'Quản trị xã', password: 'mat-khau-qt-xa-1' });
    assert.equal(user.statusCode, 201, user.body);
    const grant = await admin.post(`/api/v1/users/${user.json().id}/grants`, {
      role: 'SYSTEM_ADMIN',
      unitId: melinhId,
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const xa = await t.login(username, 'mat-khau-qt-xa-1');
    const own = await xa.post(URL, { dossiers: [record()] });
    assert.equal(own.statusCode, 200, own.body);
    for (const dryRun of [true, false]) {
      const res = await xa.post(URL, { dryRun, dossiers: [record(), record({ MaDonVi: formerCommune.code })] });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'FORBIDDEN');
      assert.equal(res.json().errors[0].field, 'body.dossiers.1.MaDonVi');
    }
    // it lists its own batch, and none reaching a unit outside its grant
    const elsewhere = await admin.post(URL, { dossiers: [record({ MaDonVi: formerCommune.code })] });
    assert.equal(elsewhere.statusCode, 200, elsewhere.body);
    const items = (await xa.get(`${URL}?limit=200`)).json().items as { id: string; unitIds: string[] }[];
    assert.ok(items.some((b) => b.id === own.json().batchId));
    assert.ok(!items.some((b) => b.id === elsewhere.json().batchId));
    assert.ok(items.every((b) => b.unitIds.every((u) => u === melinhId)));
    const all = (await admin.get(`${URL}?limit=200`)).json().items as { id: string }[];
    assert.ok(all.some((b) => b.id === elsewhere.json().batchId));
  });
});

describe('dossiers:import command', () => {
  const run = promisify(execFile);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-import-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', 'packages/server/src/cli.ts', 'dossiers:import', ...args],
        { cwd: projectRoot, env: { ...process.env, DATABASE_URL: t.database.url, NODE_ENV: 'test' } },
      );
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  test('JSON lines in batches: a bad batch is refused alone; a dry run writes nothing; a rerun skips what is in', async () => {
    const records = [record(), record(), record(), record(), record({ MaTTHC: '9.999999' })];
    const file = path.join(dir, 'ho-so.jsonl');
    fs.writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);

    const before = await written();
    const dry = await cli(file, '--dry-run', '--batch-size', '2');
    assert.equal(dry.code, 1, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /Lô 3\/3: 5\/5 \(100%\) — 0 hợp lệ, 1 bị từ chối — sẽ bị từ chối/);
    assert.match(dry.stderr, /dòng 5 .*MaTTHC IMPORT_PROCEDURE_UNKNOWN/);
    assert.deepEqual(await written(), before);

    const real = await cli(file, '--batch-size', '2', '--source', 'he-thong-cu');
    assert.equal(real.code, 1, real.stdout + real.stderr);
    assert.match(real.stdout, /Lô 1\/3: 2\/5 \(40%\) — 2 hợp lệ, 0 bị từ chối — đã ghi/);
    assert.match(real.stdout, /Lô 3\/3: .*bị từ chối, không ghi/);
    assert.match(real.stdout, /Tổng: 5 bản ghi — 4 hợp lệ, 1 bị từ chối; đã ghi 4 hồ sơ; 1\/3 lô bị từ chối\./);
    const after = await written();
    assert.equal(after.dossiers, before.dossiers + 4);
    assert.equal(after.batches, before.batches + 2);
    assert.equal(after.dirty, before.dirty + 4);
    const cliRows = await sql<{ source: string; imported_by: string | null }>`
      SELECT b.source, d.imported_by FROM legacy_dossier d JOIN legacy_import_batch b ON b.id = d.batch_id
       WHERE d.code = ${records[0]!.MaHoSo}`.execute(t.database.db);
    assert.deepEqual(cliRows.rows, [{ source: 'he-thong-cu', imported_by: null }]);

    // fixed file as a JSON array: the rerun skips the four already imported and writes the fifth
    records[4]!.MaTTHC = procedureCode;
    const fixed = path.join(dir, 'ho-so.json');
    fs.writeFileSync(fixed, JSON.stringify(records));
    const rerun = await cli(fixed, '--batch-size=2', '--skip-imported');
    assert.equal(rerun.code, 0, rerun.stdout + rerun.stderr);
    assert.match(rerun.stdout, /4 đã nhập trước đây \(bỏ qua\); đã ghi 1 hồ sơ; 0\/3 lô bị từ chối/);
    assert.equal((await written()).dossiers, after.dossiers + 1);
  });

  test('a broken file or a missing argument exits 2', async () => {
    const broken = path.join(dir, 'hong.jsonl');
    fs.writeFileSync(broken, `${JSON.stringify(record())}\n{ không phải json\n`);
    const res = await cli(broken);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /Dòng 2 không phải JSON hợp lệ/);
    // usage errors need no child process
    const quiet = console.error;
    console.error = () => {};
    try {
      assert.equal(await importDossiersCommand(t.database.url, []), 2);
      assert.equal(await importDossiersCommand(t.database.url, [broken, '--batch-size', '0']), 2);
    } finally {
      console.error = quiet;
    }
  });
});

/** A dossier received at the counter through the API; its code. */
async function receiveOneDossier(): Promise<string> {
  const res = await officer.post(
    '/api/v1/dossiers',
    {
      unitId: melinhId,
      procedureCode: await onlineProcedureAt(t.database.db, melinhId),
      channel: 'COUNTER',
      applicant: { name: 'Trần Thị Bình', phone: '0912345678', idNumber: '001190012345' },
      receivedAt: '2026-04-22T09:00:00+07:00',
    },
    { 'idempotency-key': randomUUID() },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json().code;
}
