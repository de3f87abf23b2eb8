/**
 * Dossier attachments through HTTP: real PDF and PNG bytes stored content-addressed under DATA_DIR with their
 * SHA-256, types decided by content (disguised executables, HTML and SVG refused, nothing written), the size
 * limit (413, nothing written), hostile filenames turned into safe NFC labels, safe download headers, and who
 * may upload and read (officers of the unit, the submitting citizen for components only, 404 elsewhere).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { resultAttachment } from '../../src/attachments/service';
import { contentDisposition, cleanLabel, downloadFilename, truncateLabel } from '../../src/attachments/content';
import { LocalFileStore } from '../../src/attachments/storage';
import { otherCommuneOfficer, unitIdOf } from '../support/dossierFixtures';
import { multipart, type Part } from '../support/multipart';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

const unitCode = '000.00.L7.H26'; // Xã Mê Linh

// A minimal, valid one-page PDF and a 1×1 transparent PNG.
const PDF = Buffer.from(
  '%PDF-1.4\n' +
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
// A PE executable header ("MZ" … "PE\0\0"), an HTML page, an SVG with script, an empty ZIP archive.
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(0x3a),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(0x40),
  Buffer.from('PE\0\0'),
  Buffer.alloc(64),
]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface UploadOptions {
  purpose?: string;
  filename?: string;
  type?: string;
  paperIndex?: string;
  label?: string;
}

function upload(client: Client, dossierId: string, content: Buffer | undefined, o: UploadOptions = {}) {
  const parts: Part[] = [];
  if (o.purpose !== undefined) parts.push({ name: 'purpose', value: o.purpose });
  if (o.paperIndex !== undefined) parts.push({ name: 'paperIndex', value: o.paperIndex });
  if (o.label !== undefined) parts.push({ name: 'label', value: o.label });
  if (content) parts.push({ name: 'file', filename: o.filename ?? 'scan.pdf', content, type: o.type });
  const m = multipart(parts);
  return client.request({
    method: 'POST',
    url: `/api/v1/dossiers/${dossierId}/attachments`,
    payload: m.payload,
    headers: m.headers,
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

interface Env {
  t: TestApp;
  dataDir: string;
  officer: Client;
}

async function setup(env: Record<string, string> = {}): Promise<Env> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-attachments-'));
  const t = await createTestApp({ DATA_DIR: dataDir, ...env });
  return { t, dataDir, officer: await t.login('tiepnhan') };
}
async function teardown(e: Env | undefined) {
  if (!e) return;
  await e.t.close();
  fs.rmSync(e.dataDir, { recursive: true, force: true });
}

let main: Env;
let t: TestApp;
let officer: Client;
let specialist: Client;
let leader: Client;
let citizen: Client;
let supervisor: Client;
let otherOfficer: Client; // counter officer of Xã Gia Lâm
let communeId: string;
let procedureCode: string;
let paperCount: number;
let dossierId: string; // received at the counter by tiepnhan
let ownDossierId: string; // the same, but submitted by congdan

const rowCount = async (tt: TestApp = t) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM dossier_attachment`.execute(tt.database.db)).rows[0]!.n);

async function receiveDossier(): Promise<string> {
  const res = await officer.post(
    '/api/v1/dossiers',
    {
      unitId: communeId,
      procedureCode,
      channel: 'COUNTER',
      applicant: { name: 'Trần Thị Bình', phone: '0912345678', idNumber: '001190012345' },
    },
    { 'idempotency-key': randomUUID() },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

before(async () => {
  main = await setup();
  t = main.t;
  officer = main.officer;
  specialist = await t.login('chuyenvien');
  leader = await t.login('lanhdao');
  citizen = await t.login('congdan');
  supervisor = await t.login('giamsat');
  const db = t.database.db;
  communeId = await unitIdOf(db, unitCode);
  otherOfficer = await otherCommuneOfficer(t, 'tiepnhan-gialam');

  // A procedure published at the commune with a counter time limit in working days and at least two papers.
  const r = await sql<{ code: string; papers: number }>`
    SELECT p.code, jsonb_array_length(v.documents) AS papers
    FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    JOIN procedure_version_unit pu ON pu.version_id = v.id AND pu.unit_id = ${communeId}::uuid
    CROSS JOIN LATERAL jsonb_array_elements(v.methods) m
    WHERE v.superseded_at IS NULL AND m->>'channel' = 'direct' AND m->'time'->>'unit' = 'working_days'
      AND (m->'time'->>'value')::numeric BETWEEN 2 AND 20
      AND jsonb_typeof(v.documents) = 'array' AND jsonb_array_length(v.documents) >= 2
      AND v.effective_from <= current_date
    ORDER BY p.code LIMIT 1`.execute(db);
  assert.ok(r.rows[0], 'a demo procedure at Xã Mê Linh');
  procedureCode = r.rows[0].code;
  paperCount = Number(r.rows[0].papers);

  dossierId = await receiveDossier();
  ownDossierId = await receiveDossier();
  // As if congdan had submitted it online (dossier.submitted_by, migration 008).
  await sql`UPDATE dossier SET submitted_by = ${citizen.userId}::uuid WHERE id = ${ownDossierId}::uuid`.execute(db);
});
after(() => teardown(main));

describe('upload and download', () => {
  test('a PDF: 201, SHA-256 recorded, stored content-addressed, audited, downloaded byte for byte', async () => {
    const res = await upload(officer, dossierId, PDF, {
      purpose: 'COMPONENT',
      paperIndex: '0',
      filename: 'to-khai.pdf',
      type: 'application/pdf',
    });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.equal(a.purpose, 'COMPONENT');
    assert.equal(a.paperIndex, 0);
    assert.equal(a.label, 'to-khai.pdf');
    assert.equal(a.mediaType, 'application/pdf');
    assert.equal(a.sizeBytes, PDF.length);
    assert.equal(a.sha256, sha256(PDF));
    assert.match(a.uploadedAt, /\+07:00$/);

    const h = a.sha256 as string;
    const stored = path.join(main.dataDir, 'files', h.slice(0, 2), h.slice(2, 4), h);
    assert.deepEqual(fs.readFileSync(stored), PDF);
    const row = await sql<{ storageKey: string; uploadedBy: string }>`
      SELECT storage_key AS "storageKey", uploaded_by AS "uploadedBy" FROM dossier_attachment WHERE id = ${a.id}::uuid`.execute(
      t.database.db,
    );
    assert.equal(row.rows[0]!.storageKey, `${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`);
    assert.equal(row.rows[0]!.uploadedBy, officer.userId);

    const audit = await sql<{ action: string; summary: string }>`
      SELECT action, summary FROM audit_log WHERE entity_id = ${dossierId} ORDER BY id`.execute(t.database.db);
    assert.ok(audit.rows.some((r) => r.action === 'dossier.attach' && r.summary.includes('to-khai.pdf')));

    const list = await specialist.get(`/api/v1/dossiers/${dossierId}/attachments`);
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json().items.some((x: { id: string }) => x.id === a.id));

    const dl = await specialist.get(`/api/v1/attachments/${a.id}/content`);
    assert.equal(dl.statusCode, 200, dl.body);
    assert.deepEqual(dl.rawPayload, PDF);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.equal(dl.headers['content-disposition'], `attachment; filename="to-khai.pdf"; filename*=UTF-8''to-khai.pdf`);
    assert.equal(Number(dl.headers['content-length']), PDF.length);
    assert.match(String(dl.headers['content-security-policy']), /sandbox/);
    assert.match(String(dl.headers['cache-control']), /no-store/);
  });

  test('a PNG claimed to be a PDF is stored as image/png and downloads with .png', async () => {
    const res = await upload(specialist, dossierId, PNG, {
      purpose: 'OTHER',
      filename: 'anh-chup.pdf',
      type: 'application/pdf',
      label: 'Ảnh chụp thửa đất.pdf',
    });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.equal(a.mediaType, 'image/png');
    assert.equal(a.label, 'Ảnh chụp thửa đất.pdf');
    assert.equal(a.sha256, sha256(PNG));
    assert.equal(a.paperIndex, null);
    const dl = await officer.get(`/api/v1/attachments/${a.id}/content`);
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, PNG);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.equal(
      dl.headers['content-disposition'],
      `attachment; filename="Anh chup thua dat.png"; filename*=UTF-8''${encodeURIComponent('Ảnh chụp thửa đất.png')}`,
    );
  });

  test('an XLSX is recognised from its content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Bảng kê').addRow(['STT', 'Tên giấy tờ']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(officer, dossierId, xlsx, { purpose: 'OTHER', filename: 'bang-ke' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().mediaType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const dl = await officer.get(`/api/v1/attachments/${res.json().id}/content`);
    assert.match(String(dl.headers['content-disposition']), /filename\*=UTF-8''bang-ke\.xlsx$/);
  });

  test('the same bytes twice share one stored file', async () => {
    const before = filesUnder(path.join(main.dataDir, 'files')).length;
    const res = await upload(officer, dossierId, PDF, { purpose: 'SUPPLEMENT', filename: 'lan-2.pdf' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(filesUnder(path.join(main.dataDir, 'files')).length, before);
  });
});

describe('filenames are never trusted', () => {
  const cases: { filename: string; label: string }[] = [
    { filename: '../../etc/passwd.pdf', label: 'passwd.pdf' },
    { filename: '..\\..\\windows\\system32\\x.pdf', label: 'x.pdf' },
    { filename: '<script>.pdf', label: '_script_.pdf' },
    { filename: '<img src=x onerror=alert(1)>.pdf', label: '_img src=x onerror=alert(1)_.pdf' },
    { filename: 'Giấy khai sinh.pdf'.normalize('NFD'), label: 'Giấy khai sinh.pdf' },
    { filename: 'hoa-don\u202Efdp.exe', label: 'hoa-donfdp.exe' },
    { filename: '...', label: 'Tệp đính kèm' },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.filename)} → ${JSON.stringify(c.label)}`, async () => {
      const res = await upload(officer, dossierId, PDF, { purpose: 'OTHER', filename: c.filename });
      assert.equal(res.statusCode, 201, res.body);
      const label = res.json().label as string;
      assert.equal(label, c.label);
      assert.equal(label, label.normalize('NFC'));
      assert.doesNotMatch(label, /[<>/\\\p{Cc}\u202e]/u);
      const dl = await officer.get(`/api/v1/attachments/${res.json().id}/content`);
      const cd = String(dl.headers['content-disposition']);
      assert.match(cd, /^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+\.pdf$/);
    });
  }

  test('the label field is sanitised the same way, and limited to 255 characters', async () => {
    const res = await upload(officer, dossierId, PDF, {
      purpose: 'OTHER',
      label: ' /tmp/Đơn\u0007 đề nghị\tcấp lại '.normalize('NFD'),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().label, 'Đơn đề nghị cấp lại');
    const long = await upload(officer, dossierId, PDF, { purpose: 'OTHER', label: 'a'.repeat(256) });
    assert.equal(long.statusCode, 400, long.body);
    assert.equal(long.json().errors[0].field, 'body.label');
    const longName = await upload(officer, dossierId, PDF, { purpose: 'OTHER', filename: `${'ệ'.repeat(300)}.pdf` });
    assert.equal(longName.statusCode, 201, longName.body);
    assert.equal(Array.from(longName.json().label as string).length, 255);
    assert.match(longName.json().label, /ệ\.pdf$/);
  });

  test('label helpers', () => {
    assert.equal(cleanLabel('a\r\nb\u0000\u200b.pdf'), 'a b.pdf');
    assert.equal(truncateLabel('abcdef.pdf', 7), 'abc.pdf');
    assert.equal(downloadFilename('Quyết định số 12.2025', 'pdf'), 'Quyết định số 12.2025.pdf');
    assert.equal(downloadFilename('scan.exe', 'png'), 'scan.png');
    assert.equal(downloadFilename('', 'pdf'), 'tep-dinh-kem.pdf');
    assert.equal(
      contentDisposition("it's (1).pdf"),
      `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
  });
});

describe('types are checked by content', () => {
  const disguised: { what: string; content: Buffer; filename: string; type: string }[] = [
    { what: 'an executable renamed .pdf', content: EXE, filename: 'scan.pdf', type: 'application/pdf' },
    { what: 'an HTML page called scan.jpg', content: HTML, filename: 'scan.jpg', type: 'image/jpeg' },
    { what: 'an SVG with script called logo.png', content: SVG, filename: 'logo.png', type: 'image/png' },
    { what: 'a plain ZIP called ho-so.docx', content: ZIP, filename: 'ho-so.docx', type: 'application/zip' },
  ];
  for (const d of disguised) {
    test(`${d.what}: 415, nothing written`, async () => {
      const rows = await rowCount();
      const files = filesUnder(main.dataDir).length;
      const res = await upload(officer, dossierId, d.content, {
        purpose: 'COMPONENT',
        filename: d.filename,
        type: d.type,
      });
      assert.equal(res.statusCode, 415, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
      assert.equal(res.json().errors[0].field, 'body.file');
      assert.equal(await rowCount(), rows);
      assert.equal(filesUnder(main.dataDir).length, files);
    });
  }

  test('missing file, bad purpose, paper out of range, not multipart: 400/415 with field errors', async () => {
    const rows = await rowCount();
    const none = await upload(officer, dossierId, undefined, { purpose: 'COMPONENT' });
    assert.equal(none.statusCode, 400, none.body);
    assert.equal(none.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(
      none.json().errors.map((e: { field: string }) => e.field),
      ['body.file'],
    );
    const purpose = await upload(officer, dossierId, PDF, { purpose: 'SELFIE' });
    assert.equal(purpose.statusCode, 400, purpose.body);
    assert.equal(purpose.json().errors[0].field, 'body.purpose');
    const noPurpose = await upload(officer, dossierId, PDF, {});
    assert.equal(noPurpose.statusCode, 400, noPurpose.body);
    assert.equal(noPurpose.json().errors[0].field, 'body.purpose');
    const paper = await upload(officer, dossierId, PDF, { purpose: 'COMPONENT', paperIndex: String(paperCount) });
    assert.equal(paper.statusCode, 400, paper.body);
    assert.equal(paper.json().errors[0].field, 'body.paperIndex');
    const resultPaper = await upload(leader, dossierId, PDF, { purpose: 'RESULT', paperIndex: '0' });
    assert.equal(resultPaper.statusCode, 400, resultPaper.body);
    const empty = await upload(officer, dossierId, Buffer.alloc(0), { purpose: 'COMPONENT' });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.equal(empty.json().errors[0].field, 'body.file');
    const extra = multipart([
      { name: 'purpose', value: 'COMPONENT' },
      { name: 'owner', value: 'admin' },
      { name: 'file', filename: 'a.pdf', content: PDF },
    ]);
    const unknown = await officer.request({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/attachments`,
      ...extra,
    });
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(unknown.json().errors[0].field, 'body.owner');
    const two = multipart([
      { name: 'purpose', value: 'COMPONENT' },
      { name: 'file', filename: 'a.pdf', content: PDF },
      { name: 'file', filename: 'b.pdf', content: PDF },
    ]);
    const twoFiles = await officer.request({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/attachments`,
      ...two,
    });
    assert.equal(twoFiles.statusCode, 400, twoFiles.body);
    const json = await officer.post(`/api/v1/dossiers/${dossierId}/attachments`, { purpose: 'COMPONENT' });
    assert.equal(json.statusCode, 415, json.body);
    assert.equal(await rowCount(), rows);
  });
});

describe('size limit', () => {
  let small: Env;
  let smallDossier: string;
  before(async () => {
    small = await setup({ ATTACHMENT_MAX_BYTES: '2048' });
    const res = await small.officer.post(
      '/api/v1/dossiers',
      {
        unitId: communeId,
        procedureCode,
        channel: 'COUNTER',
        applicant: { name: 'Lê Văn Cường', phone: '0987654321' },
      },
      { 'idempotency-key': randomUUID() },
    );
    assert.equal(res.statusCode, 201, res.body);
    smallDossier = res.json().id;
  });
  after(() => teardown(small));

  test('a file over ATTACHMENT_MAX_BYTES: 413 ATTACHMENT_TOO_LARGE, no row, no file', async () => {
    const big = Buffer.concat([PDF, Buffer.from(`%${'x'.repeat(4000)}\n`)]);
    const res = await upload(small.officer, smallDossier, big, { purpose: 'COMPONENT', filename: 'lon.pdf' });
    assert.equal(res.statusCode, 413, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json().code, 'ATTACHMENT_TOO_LARGE');
    assert.equal(await rowCount(small.t), 0);
    assert.deepEqual(filesUnder(small.dataDir), []);
    // just under the limit is fine
    const ok = await upload(small.officer, smallDossier, PDF, { purpose: 'COMPONENT' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(await rowCount(small.t), 1);
    assert.equal(filesUnder(small.dataDir).length, 1);
  });

  test('over a real socket with a browser-style FormData: 413 for 3 MB, 201 under the limit', async () => {
    const base = await small.t.app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'tiepnhan', password: 'motcua-demo' }),
    });
    assert.equal(login.status, 200);
    const headers = {
      cookie: login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
      'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    const send = (content: Buffer, filename: string) => {
      const form = new FormData();
      form.append('purpose', 'COMPONENT');
      form.append('file', new Blob([content], { type: 'application/pdf' }), filename);
      return fetch(`${base}/api/v1/dossiers/${smallDossier}/attachments`, { method: 'POST', body: form, headers });
    };
    const rows = await rowCount(small.t);
    const big = await send(Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 0x20)]), 'rat-lon.pdf');
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { code: string }).code, 'ATTACHMENT_TOO_LARGE');
    assert.equal(await rowCount(small.t), rows);
    const ok = await send(PNG, 'Ảnh.png');
    assert.equal(ok.status, 201, await ok.clone().text());
    assert.equal(((await ok.json()) as { label: string }).label, 'Ảnh.png');
  });
});

describe('who may upload and read', () => {
  let officerAttachment: string;
  before(async () => {
    const res = await upload(officer, dossierId, PDF, { purpose: 'COMPONENT', filename: 'noi-bo.pdf' });
    assert.equal(res.statusCode, 201, res.body);
    officerAttachment = res.json().id;
  });

  test('an officer of another unit gets 404 for upload, list and download, as for a missing dossier', async () => {
    const rows = await rowCount();
    const up = await upload(otherOfficer, dossierId, PDF, { purpose: 'COMPONENT' });
    assert.equal(up.statusCode, 404, up.body);
    assert.equal((await otherOfficer.get(`/api/v1/dossiers/${dossierId}/attachments`)).statusCode, 404);
    assert.equal((await otherOfficer.get(`/api/v1/attachments/${officerAttachment}/content`)).statusCode, 404);
    const missing = await upload(officer, randomUUID(), PDF, { purpose: 'COMPONENT' });
    assert.equal(missing.statusCode, 404, missing.body);
    assert.equal((await officer.get(`/api/v1/attachments/${randomUUID()}/content`)).statusCode, 404);
    assert.equal(await rowCount(), rows);
  });

  test('a role that handles no dossiers gets 403; anonymous gets 401', async () => {
    assert.equal((await upload(supervisor, dossierId, PDF, { purpose: 'COMPONENT' })).statusCode, 403);
    assert.equal((await supervisor.get(`/api/v1/dossiers/${dossierId}/attachments`)).statusCode, 403);
    const anon = await upload(t.anonymous, dossierId, PDF, { purpose: 'COMPONENT' });
    assert.equal(anon.statusCode, 401, anon.body);
    assert.equal(anon.json().code, 'AUTH_REQUIRED');
    assert.equal((await t.anonymous.get(`/api/v1/dossiers/${dossierId}/attachments`)).statusCode, 401);
    assert.equal((await t.anonymous.get(`/api/v1/attachments/${officerAttachment}/content`)).statusCode, 401);
  });

  test('the citizen: components and supplements of their own dossier, never a result; nothing of others', async () => {
    const rows = await rowCount();
    const notMine = await upload(citizen, dossierId, PDF, { purpose: 'COMPONENT' });
    assert.equal(notMine.statusCode, 404, notMine.body);
    assert.equal((await citizen.get(`/api/v1/dossiers/${dossierId}/attachments`)).statusCode, 404);
    assert.equal((await citizen.get(`/api/v1/attachments/${officerAttachment}/content`)).statusCode, 404);

    const mine = await upload(citizen, ownDossierId, PNG, {
      purpose: 'COMPONENT',
      paperIndex: '1',
      filename: 'cccd.png',
    });
    assert.equal(mine.statusCode, 201, mine.body);
    const supplement = await upload(citizen, ownDossierId, PDF, { purpose: 'SUPPLEMENT' });
    assert.equal(supplement.statusCode, 201, supplement.body);
    const result = await upload(citizen, ownDossierId, PDF, { purpose: 'RESULT' });
    assert.equal(result.statusCode, 403, result.body);
    assert.equal(result.json().code, 'ATTACHMENT_PURPOSE_NOT_ALLOWED');
    const postal = await upload(citizen, ownDossierId, PDF, { purpose: 'POSTAL_RECEIPT' });
    assert.equal(postal.statusCode, 403, postal.body);
    assert.equal(await rowCount(), rows + 2);

    // the officers of the unit see what the citizen attached; the citizen sees the result too
    const officerList = await officer.get(`/api/v1/dossiers/${ownDossierId}/attachments`);
    assert.equal(officerList.json().items.length, 2);
    const res = await upload(leader, ownDossierId, PDF, { purpose: 'RESULT', filename: 'ket-qua.pdf' });
    assert.equal(res.statusCode, 201, res.body);
    const list = await citizen.get(`/api/v1/dossiers/${ownDossierId}/attachments`);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json().items.map((a: { purpose: string }) => a.purpose),
      ['COMPONENT', 'SUPPLEMENT', 'RESULT'],
    );
    const dl = await citizen.get(`/api/v1/attachments/${res.json().id}/content`);
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, PDF);
  });
});

describe('result attachment for the resolution', () => {
  test('only a RESULT of the same dossier gives a URL and its SHA-256', async () => {
    const res = await upload(leader, dossierId, PDF, { purpose: 'RESULT', filename: 'quyet-dinh.pdf' });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    const db = t.database.db;
    const found = await resultAttachment(db, dossierId, id, 'https://motcua.example.vn/');
    assert.deepEqual(found, {
      url: `https://motcua.example.vn/api/v1/attachments/${id}/content`,
      sha256: sha256(PDF),
    });
    assert.doesNotThrow(() => new URL(found!.url));
    assert.equal(await resultAttachment(db, ownDossierId, id, 'http://localhost:3000'), undefined);
    const component = await upload(officer, dossierId, PDF, { purpose: 'COMPONENT' });
    assert.equal(await resultAttachment(db, dossierId, component.json().id, 'http://localhost:3000'), undefined);
    assert.equal(await resultAttachment(db, dossierId, randomUUID()), undefined);
    assert.equal(await resultAttachment(db, dossierId, 'not-a-uuid'), undefined);
    // the default base comes from the environment
    assert.match((await resultAttachment(db, dossierId, id))!.url, /^https?:\/\/[^/]+\/api\/v1\/attachments\//);
  });
});

describe('file store', () => {
  test('keys are content addresses; a key outside the pattern is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-filestore-'));
    try {
      const store = new LocalFileStore(dir);
      const { key } = await store.put(PNG);
      const h = sha256(PNG);
      assert.equal(key, `${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`);
      assert.equal(await store.exists(key), true);
      const chunks: Buffer[] = [];
      for await (const c of await store.get(key)) chunks.push(c as Buffer);
      assert.deepEqual(Buffer.concat(chunks), PNG);
      assert.deepEqual(filesUnder(dir), [h]); // no temporary file left behind
      await assert.rejects(store.get('../../etc/passwd'));
      await assert.rejects(store.exists(`00/00/${h}`));
      const h2 = sha256(Buffer.from('không có'));
      assert.equal(await store.exists(`${h2.slice(0, 2)}/${h2.slice(2, 4)}/${h2}`), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the OpenAPI document lists the attachment routes', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const paths = Object.keys(res.json().paths);
    assert.ok(paths.includes('/api/v1/dossiers/{id}/attachments'));
    assert.ok(paths.includes('/api/v1/attachments/{id}/content'));
  });
});
