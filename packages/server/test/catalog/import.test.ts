import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { projectRoot } from '../../src/platform/config';

let t: TestApp;
let admin: Client;
const real = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'packages/server/seed-data/procedures.json'), 'utf8'),
) as Record<string, unknown>[];
before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

function multipart(filename: string, content: Buffer | string, contentType = 'application/octet-stream') {
  const boundary = '----motcua' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const upload = (qs: string, filename: string, content: Buffer | string) => {
  const m = multipart(filename, content);
  return admin.request({
    method: 'POST',
    url: `/api/v1/procedures/import?${qs}`,
    payload: m.payload,
    headers: m.headers,
  });
};
const count = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('procedure')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const record = (code: string, name: string) => ({
  code,
  name,
  field: 'Thử nghiệm nhập',
  level: ['xa'],
  processing_days: 5,
  time_unit: 'working_days',
  processing_time_text: '5 Ngày làm việc',
  fee_vnd: 0,
  fee_text: 'Miễn phí',
  channels: ['direct', 'online'],
  documents: [{ name: 'Đơn đề nghị; theo mẫu', quantity_text: '1 bản chính', forms: ['Mẫu 01.docx'] }],
  parse_warnings: ['time_unit_missing_in_source'],
});

describe('import', () => {
  test('the whole real file, dry run: 1,500 valid, unchanged against the demo, warnings carried', async () => {
    const res = await admin.post('/api/v1/procedures/import?dryRun=true', real);
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const r = res.json();
    assert.equal(r.total, 1500);
    assert.equal(r.invalid, 0);
    assert.equal(r.unchanged, 1500);
    assert.ok(r.records.some((x: { warnings: string[] }) => x.warnings.includes('time_unit_missing_in_source')));
  });

  test('JSON commit, then re-import: unchanged writes nothing, changed makes a new version', async () => {
    const before = await count();
    const res = await admin.post('/api/v1/procedures/import?dryRun=false&effectiveFrom=2025-07-01', [
      record('8.000001', 'Thủ tục nhập thử A'),
      record('8.000002', 'Thủ tục nhập thử B'),
    ]);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().created, 2);
    assert.equal(await count(), before + 2);
    const again = await admin.post('/api/v1/procedures/import?dryRun=false&effectiveFrom=2025-08-01', [
      record('8.000001', 'Thủ tục nhập thử A'),
      record('8.000002', 'Thủ tục nhập thử B (sửa)'),
    ]);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(
      again.json().records.map((x: { status: string }) => x.status),
      ['UNCHANGED', 'CHANGED'],
    );
    const versions = (await t.anonymous.get('/api/v1/procedures/8.000002/versions')).json().items;
    assert.equal(versions.length, 2);
    assert.equal(versions[0].effectiveTo, '2025-07-31');
    assert.equal((await t.anonymous.get('/api/v1/procedures/8.000001/versions')).json().items.length, 1);
    const doc = (await t.anonymous.get('/api/v1/procedures/8.000001')).json().documents[0];
    assert.equal(doc.name, 'Đơn đề nghị; theo mẫu');
    assert.equal(doc.kind, 'ORIGINAL');
    assert.deepEqual(doc.forms, ['Mẫu 01.docx']);
  });

  test('a batch with one bad record writes nothing (422 with the per-record report)', async () => {
    const before = await count();
    const bad = { ...record('1.2345', 'Mã sai'), processing_days: -3 };
    const res = await admin.post('/api/v1/procedures/import?dryRun=false', [
      record('8.000003', 'Thủ tục nhập thử C'),
      bad,
      record('8.000003', 'Trùng mã'),
    ]);
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.headers['content-type'] as string, /problem\+json/);
    const body = res.json();
    assert.equal(body.code, 'CATALOG_IMPORT_INVALID');
    assert.equal(body.report.invalid, 2);
    assert.ok(body.report.records[1].errors.some((e: { field: string }) => e.field === 'records.1.code'));
    assert.ok(body.report.records[1].errors.some((e: { field: string }) => e.field === 'records.1.processing_days'));
    assert.ok(body.report.records[2].errors.some((e: { message: string }) => /đã xuất hiện/.test(e.message)));
    assert.equal(await count(), before);
  });

  test('CSV upload with the documented layout', async () => {
    const csv = [
      'code,name,field,level,channels,processing_days,time_unit,fee_vnd,documents,legal_basis,online_level,cutoff_time',
      '8.000010,"Thủ tục nhập CSV",Thử nghiệm nhập,xa;tinh,direct;online,3,working_days,50000,"Tờ khai | 1 bản chính | Mẫu 01.docx; Bản sao CCCD\\; hộ chiếu | 0 bản chính,1 bản sao","Luật A; Nghị định B",PARTIAL,15:00',
    ].join('\n');
    const dry = await upload('dryRun=true', 'catalog.csv', csv);
    assert.equal(dry.statusCode, 200, dry.body);
    assert.equal(dry.json().valid, 1);
    const res = await upload('dryRun=false', 'catalog.csv', csv);
    assert.equal(res.statusCode, 200, res.body);
    const p = (await t.anonymous.get('/api/v1/procedures/8.000010')).json();
    assert.deepEqual(p.levels, ['COMMUNE', 'PROVINCE']);
    assert.equal(p.onlineLevel, 'PARTIAL');
    assert.equal(p.cutoffTime, '15:00');
    assert.equal(p.documents.length, 2);
    assert.equal(p.documents[1].name, 'Bản sao CCCD; hộ chiếu');
    assert.equal(p.documents[1].kind, 'COPY');
    assert.equal(p.methods[0].feeVnd, 50000);
    assert.deepEqual(p.legalBasis, ['Luật A', 'Nghị định B']);
  });

  test('XLSX upload made with exceljs, and the unit export re-imports unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Thủ tục');
    ws.addRow(['code', 'name', 'field', 'level', 'channels', 'processing_days', 'time_unit', 'documents']);
    ws.addRow(['8.000020', 'Thủ tục nhập XLSX', 'Thử nghiệm nhập', 'xa', 'direct', 7, 'days', 'Đơn | 1 bản chính']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload('dryRun=false', 'catalog.xlsx', buffer);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().created, 1);
    const p = (await t.anonymous.get('/api/v1/procedures/8.000020')).json();
    assert.deepEqual(p.methods[0].time, { value: 7, unit: 'calendar_days' });

    const units = (await admin.get(`/api/v1/units?q=${encodeURIComponent('xã mê linh')}`)).json().items as {
      id: string;
      name: string;
    }[];
    const unitId = units.find((u) => u.name === 'Xã Mê Linh')!.id;
    const xlsx = await t.anonymous.get(`/api/v1/units/${unitId}/procedures.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/);
    const n = Number(xlsx.headers['x-procedure-count']);
    assert.ok(n > 400, `commune catalogue has ${n}`);
    const back = await upload('dryRun=true', 'export.xlsx', xlsx.rawPayload);
    assert.equal(back.statusCode, 200, back.body.slice(0, 300));
    assert.equal(back.json().total, n);
    assert.equal(back.json().invalid, 0);
    assert.equal(back.json().unchanged, n, 'export → import round-trips without changes');
  });

  test('broken files: bad JSON, wrong CSV header, a non-XLSX upload, a non-array, an unknown type', async () => {
    const before = await count();
    const badJson = await upload('dryRun=false', 'x.json', '[{"code": ');
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().code, 'CATALOG_IMPORT_FILE_INVALID');
    const rawBad = await admin.request({
      method: 'POST',
      url: '/api/v1/procedures/import?dryRun=false',
      payload: '[{"code":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(rawBad.statusCode, 400);
    assert.match(rawBad.headers['content-type'] as string, /problem\+json/);
    const header = await upload('dryRun=false', 'x.csv', 'ma,ten\n1.000001,abc\n');
    assert.equal(header.statusCode, 400);
    assert.ok(header.json().errors.some((e: { field: string }) => e.field === 'file.header'));
    const fake = await upload('dryRun=false', 'x.xlsx', 'this is not a zip');
    assert.equal(fake.statusCode, 400);
    assert.equal(fake.json().code, 'CATALOG_IMPORT_FILE_INVALID');
    const object = await admin.post('/api/v1/procedures/import?dryRun=false', { code: '1.000001' });
    assert.equal(object.statusCode, 400);
    const pdf = await upload('dryRun=false', 'x.pdf', '%PDF');
    assert.equal(pdf.statusCode, 400);
    assert.equal(await count(), before);
  });

  test('only a system administrator may import', async () => {
    assert.equal((await t.anonymous.post('/api/v1/procedures/import?dryRun=true', [])).statusCode, 401);
    const reform = await t.login('caicach');
    assert.equal((await reform.post('/api/v1/procedures/import?dryRun=true', [])).statusCode, 403);
  });
});
