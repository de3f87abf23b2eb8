/**
 * The statutory forms (spec one-stop-dossiers §13, §14.2, §14.3, §12.1/§17): the template builders of both
 * sets on constructed data, then through HTTP on dossiers received by the API — PDF text read back through
 * the embedded fonts' ToUnicode maps (no system tool), HTML escaping and the QR code, the tracking book as
 * XLSX reloaded with exceljs, applicability and authorisation.
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import ExcelJS from 'exceljs';
import { addDays, localDateOf } from '@motcua/domain/calendar/index';
import { foldDossier, type DossierAction, type DossierActionType } from '@motcua/domain/dossier/index';
import { calendarCacheFor } from '../../src/calendar/cache';
import { DOSSIER_FORM_TEMPLATES, TRACKING_BOOK_TEMPLATES, templateFor } from '../../src/forms/registry';
import { buildFromSpec } from '../../src/forms/spec';
import { stopNotice2025 } from '../../src/forms/templates2025';
import { renderPdf } from '../../src/forms/pdf';
import { renderHtml } from '../../src/forms/html';
import { renderXlsx, TRACKING_SHEET_NAME } from '../../src/forms/xlsx';
import { qrSvgPath } from '../../src/forms/qr';
import { fontPath } from '../../src/forms/fonts';
import type { FormId, FormSet } from '../../src/forms/model';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { extractPdfText, flat } from './pdfText';
import { sampleFormData } from './sample';

const PUBLIC_URL = 'https://dichvucong.example.vn';
const unitCode = '000.00.L7.H26';

let t: TestApp;
let officer: Client; // tiepnhan, Nguyễn Thị Hoa
let specialist: Client; // chuyenvien, Trần Văn Minh
let leader: Client; // lanhdao, Lê Quang Dũng
let citizen: Client; // congdan
let admin: Client;
let outsider: Client; // counter officer of Xã Gia Lâm
let communeId: string;
let procedureCode: string;
let procedureName: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

before(async () => {
  t = await createTestApp({ PUBLIC_URL });
  officer = await t.login('tiepnhan');
  specialist = await t.login('chuyenvien');
  leader = await t.login('lanhdao');
  citizen = await t.login('congdan');
  admin = await t.login('admin');
  const db = t.database.db;
  communeId = (await db.selectFrom('unit').select('id').where('code', '=', unitCode).executeTakeFirstOrThrow()).id;
  const other = await db
    .selectFrom('unit')
    .select('id')
    .where('name', '=', 'Xã Gia Lâm')
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  const user = await admin.post('/api/v1/users', {
    username: 'tiepnhan-gl-forms',
    fullName: 'Cán bộ Gia Lâm',
    password: 'mat-khau-gia-lam-dai',
  });
  assert.equal(user.statusCode, 201, user.body);
  await admin.post(`/api/v1/users/${user.json().id}/grants`, { role: 'COUNTER_OFFICER', unitId: other.id });
  outsider = await t.login('tiepnhan-gl-forms', 'mat-khau-gia-lam-dai');
  const r = await sql<{ code: string; name: string }>`
    SELECT p.code, v.name FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    JOIN procedure_version_unit pu ON pu.version_id = v.id AND pu.unit_id = ${communeId}::uuid
    CROSS JOIN LATERAL jsonb_array_elements(v.methods) m
    WHERE v.superseded_at IS NULL AND v.cutoff_time IS NULL AND m->>'channel' = 'direct'
      AND m->'time'->>'unit' = 'working_days' AND (m->'time'->>'value')::numeric BETWEEN 3 AND 20
      AND (m->'time'->>'value')::numeric = floor((m->'time'->>'value')::numeric)
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) m2 WHERE m2->>'channel' = 'direct' AND m2 <> m)
      AND jsonb_array_length(v.documents) BETWEEN 1 AND 6
      AND v.effective_from <= '2026-04-01' AND length(v.name) < 90
    ORDER BY p.code LIMIT 1`.execute(db);
  assert.ok(r.rows[0], 'a demo procedure with a working-day time limit at Xã Mê Linh');
  procedureCode = r.rows[0].code;
  procedureName = r.rows[0].name.normalize('NFC');
});
after(() => t.close());

const applicant = {
  name: 'Trần Thị Bình',
  phone: '0912345678',
  idNumber: '001190012345',
  address: 'Thôn Yên Nhân, xã Mê Linh',
  email: 'binh.tran@example.vn',
};

async function receive(receivedAt: string, extra: Json = {}): Promise<Json> {
  const res = await officer.post(
    '/api/v1/dossiers',
    { unitId: communeId, procedureCode, channel: 'COUNTER', applicant, receivedAt, ...extra },
    { 'idempotency-key': randomUUID() },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** "HH giờ mm phút, ngày dd/MM/yyyy" of an instant in Vietnam time, computed independently of the code. */
function vnTimeDate(iso: string): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(f.map((x) => [x.type, x.value]));
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day}/${p.month}/${p.year}`;
}

interface StepAction {
  type: DossierActionType;
  by: Client;
  role: DossierAction['actor']['role'];
  at: string;
  payload?: Json;
}

/**
 * Appends actions to a dossier's log and rewrites its projection, as the action endpoint does: the log is
 * folded with the unit's calendar, so the state is exactly the domain's.
 */
async function appendActions(dossierId: string, steps: StepAction[]): Promise<Json> {
  const db = t.database.db;
  const row = (
    await sql<{ unitId: string }>`SELECT unit_id AS "unitId" FROM dossier WHERE id = ${dossierId}::uuid`.execute(db)
  ).rows[0]!;
  const existing = await sql<{
    id: string;
    type: DossierActionType;
    actor_id: string;
    actor_role: DossierAction['actor']['role'];
    unit_id: string;
    at: Date;
    payload: unknown;
  }>`SELECT id, type, actor_id, actor_role, unit_id, at, payload FROM dossier_action
     WHERE dossier_id = ${dossierId}::uuid ORDER BY seq`.execute(db);
  const log: DossierAction[] = existing.rows.map((a) => ({
    id: a.id,
    type: a.type,
    actor: { userId: a.actor_id, role: a.actor_role, unitId: a.unit_id },
    at: a.at.getTime(),
    payload: a.payload,
  }));
  const added: DossierAction[] = steps.map((s) => ({
    id: randomUUID(),
    type: s.type,
    actor: { userId: s.by.userId, role: s.role, unitId: row.unitId },
    at: Date.parse(s.at),
    payload: s.payload ?? {},
  }));
  const uc = await calendarCacheFor(db).get(row.unitId);
  const state = foldDossier([...log, ...added], { calendar: uc.calendar });
  assert.deepEqual(state.anomalies, [], 'every fixture action is accepted by the state table');
  let seq = log.length;
  for (const a of added)
    await sql`INSERT INTO dossier_action (id, dossier_id, seq, type, actor_id, actor_role, unit_id, at, payload)
      VALUES (${a.id}::uuid, ${dossierId}::uuid, ${++seq}, ${a.type}, ${a.actor.userId}::uuid, ${a.actor.role},
        ${a.actor.unitId}::uuid, ${new Date(a.at as number)}, ${JSON.stringify(a.payload)}::jsonb)`.execute(db);
  const ts = (ms: number | null) => (ms === null ? null : new Date(ms));
  await sql`UPDATE dossier SET state = ${state.state}, status_code = ${state.statusCode}, due_at = ${ts(state.dueAt)},
      rescheduled_due_at = ${ts(state.rescheduledDueAt)}, state_json = ${JSON.stringify(state)}::jsonb,
      version = ${seq} WHERE id = ${dossierId}::uuid`.execute(db);
  return state as unknown as Json;
}

/** A dossier written straight into the tables from a log (a 2018 dossier, a refusal before reception). */
async function insertDossier(unitId: string, actions: Omit<StepAction, 'by'>[], by: Client): Promise<string> {
  const db = t.database.db;
  const id = randomUUID();
  const log: DossierAction[] = actions.map((s) => ({
    id: randomUUID(),
    type: s.type,
    actor: { userId: by.userId, role: s.role, unitId },
    at: Date.parse(s.at),
    payload: s.payload ?? {},
  }));
  const uc = await calendarCacheFor(db).get(unitId);
  const s = foldDossier(log, { calendar: uc.calendar });
  assert.deepEqual(s.anomalies, []);
  const ts = (ms: number | null) => (ms === null ? null : new Date(ms));
  await sql`INSERT INTO dossier (id, code, unit_id, procedure_code, channel, state, status_code, applicant_name,
      applicant_phone, applicant, set_count, received_at, due_at, original_due_at, state_json)
    VALUES (${id}::uuid, ${s.dossierCode}, ${unitId}::uuid, ${procedureCode}, ${s.channel ?? 'COUNTER'}, ${s.state},
      ${s.statusCode}, ${applicant.name}, ${applicant.phone}, ${JSON.stringify(applicant)}::jsonb, 1,
      ${ts(s.receivedAt)}, ${ts(s.dueAt)}, ${ts(s.originalDueAt)}, ${JSON.stringify(s)}::jsonb)`.execute(db);
  let seq = 0;
  for (const a of log)
    await sql`INSERT INTO dossier_action (id, dossier_id, seq, type, actor_id, actor_role, unit_id, at, payload)
      VALUES (${a.id}::uuid, ${id}::uuid, ${++seq}, ${a.type}, ${a.actor.userId}::uuid, ${a.actor.role},
        ${unitId}::uuid, ${new Date(a.at as number)}, ${JSON.stringify(a.payload)}::jsonb)`.execute(db);
  return id;
}

const formUrl = (id: string, form: string, format = 'pdf') => `/api/v1/dossiers/${id}/forms/${form}?format=${format}`;

async function pdfOf(client: Client, id: string, form: string): Promise<string> {
  const res = await client.get(formUrl(id, form));
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const text = extractPdfText(res.rawPayload);
  assert.ok(text.fonts.length > 0 && text.fonts.every((f) => /\+Tinos-/.test(f)), `embedded Tinos only: ${text.fonts}`);
  return flat(text.text);
}

async function htmlOf(client: Client, id: string, form: string): Promise<string> {
  const res = await client.get(formUrl(id, form, 'html'));
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  return res.body;
}

async function assertNotApplicable(client: Client, id: string, form: string) {
  const res = await client.get(formUrl(id, form));
  assert.equal(res.statusCode, 409, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.json().code, 'FORM_NOT_APPLICABLE');
}

describe('templates (constructed data)', () => {
  const every: [FormId, FormSet][] = DOSSIER_FORM_TEMPLATES.map((x) => [x.form, x.regime]);

  test('each set has its own templates: 2018 Mẫu 01–05 (control sheet 05), 2025 Mẫu 01–06 with the stop notice', () => {
    const numbers = (set: FormSet) =>
      DOSSIER_FORM_TEMPLATES.filter((x) => x.regime === set).map((x) => `${x.form}:${x.formNumber}`);
    assert.deepEqual(numbers('2018'), [
      'RECEIPT_SLIP:Mẫu số 01',
      'SUPPLEMENT_REQUEST_SLIP:Mẫu số 02',
      'RECEPTION_REFUSAL_SLIP:Mẫu số 03',
      'APOLOGY_LETTER:Mẫu số 04',
      'PROCESS_CONTROL_SHEET:Mẫu số 05',
    ]);
    assert.deepEqual(numbers('2025'), [
      'RECEIPT_SLIP:Mẫu số 01',
      'SUPPLEMENT_REQUEST_SLIP:Mẫu số 02',
      'RECEPTION_REFUSAL_SLIP:Mẫu số 03',
      'APOLOGY_LETTER:Mẫu số 04',
      'STOP_NOTICE:Mẫu số 05',
      'PROCESS_CONTROL_SHEET:Mẫu số 06',
    ]);
    assert.deepEqual(
      TRACKING_BOOK_TEMPLATES.map((x) => `${x.regime}:${x.formNumber}`),
      ['2018:Mẫu số 06', '2025:Mẫu số 07'],
    );
    const ids = new Set(DOSSIER_FORM_TEMPLATES.map((x) => x.id));
    assert.equal(ids.size, DOSSIER_FORM_TEMPLATES.length, 'template ids are unique');
    for (const x of DOSSIER_FORM_TEMPLATES) assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(x.effectiveFrom) && x.version);
  });

  test('every template builds and renders to PDF and HTML', async () => {
    const d = sampleFormData({
      supplement: {
        at: Date.parse('2026-04-23T10:00:00+07:00'),
        stage: 'PROCESSING',
        mode: 'RESTART',
        items: ['Bản sao giấy chứng nhận kết hôn'],
        reason: 'Thiếu giấy tờ',
        byName: 'Trần Văn Minh',
        byPhone: '0243 888 999',
      },
      refusal: { at: Date.parse('2026-04-22T09:00:00+07:00'), reasons: ['Không thuộc thẩm quyền'], byName: 'X' },
      apology: {
        at: Date.parse('2026-05-04T09:00:00+07:00'),
        reason: 'Cần xác minh',
        previousDueAt: Date.parse('2026-05-06T09:05:00+07:00'),
        newDueAt: Date.parse('2026-05-12T17:00:00+07:00'),
        dateOnly: false,
        signerName: 'Lê Quang Dũng',
        letterNumber: null,
      },
      stop: {
        at: Date.parse('2026-04-24T11:00:00+07:00'),
        cause: 'WITHDRAWAL',
        reason: 'Người nộp rút hồ sơ',
        legalGround: null,
        stopNoticeNumber: null,
        byName: 'Nguyễn Thị Hoa',
        withdrawal: { at: Date.parse('2026-04-24T10:00:00+07:00'), reason: null },
        stage: 'Đang giải quyết.',
        fees: [{ name: 'Lệ phí', amount: 50000 }],
        feesPaid: true,
      },
    });
    for (const [form, set] of every) {
      const doc = templateFor(DOSSIER_FORM_TEMPLATES, form, set)!.build(d);
      assert.equal(doc.formSet, set);
      const pdf = await renderPdf(doc);
      const text = flat(extractPdfText(pdf).text);
      for (const line of doc.title) assert.ok(text.includes(line), `${form} ${set}: title ${line}`);
      assert.ok(renderHtml(doc).includes(doc.title[0]!));
    }
  });

  test('2018 and 2025 letters differ: the 2025 apology gives a date only, the 2018 one an hour', async () => {
    const d = sampleFormData({
      apology: {
        at: Date.parse('2026-05-04T09:00:00+07:00'),
        reason: 'Cần xác minh thêm',
        previousDueAt: Date.parse('2026-05-06T09:05:00+07:00'),
        newDueAt: Date.parse('2026-05-12T09:05:00+07:00'),
        dateOnly: false,
        signerName: 'Lê Quang Dũng',
        letterNumber: '12',
      },
    });
    const text = async (set: FormSet) =>
      flat(extractPdfText(await renderPdf(templateFor(DOSSIER_FORM_TEMPLATES, 'APOLOGY_LETTER', set)!.build(d))).text);
    const t2018 = await text('2018');
    const t2025 = await text('2025');
    assert.ok(t2018.includes('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'));
    assert.ok(t2018.includes('vào 09 giờ 05 phút, ngày 12/05/2026'), t2018);
    assert.ok(t2018.includes('Số: 12/PXL'));
    assert.ok(t2025.includes('PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'));
    assert.ok(t2025.includes('thời gian trả kết quả giải quyết hồ sơ là ngày 12/05/2026.'), t2025);
    assert.ok(!/giờ \d\d phút, ngày 12\/05\/2026/.test(t2025), 'no hour on the new 2025 date');
    assert.ok(t2025.includes('(Ký, ghi rõ họ tên, đóng dấu hoặc ký số)'));
  });

  test('the 2025 stop notice field list is data: a changed list changes the form without code', () => {
    const d = sampleFormData({
      stop: {
        at: Date.parse('2026-04-24T11:00:00+07:00'),
        cause: 'LEGAL_GROUND',
        reason: 'Hồ sơ giả mạo',
        legalGround: 'Khoản 2 Điều 21 Nghị định 118/2025/NĐ-CP',
        stopNoticeNumber: '05',
        byName: 'Nguyễn Thị Hoa',
        withdrawal: null,
        stage: 'Đang thẩm định.',
        fees: [],
        feesPaid: null,
      },
    });
    const spec = JSON.parse(JSON.stringify(stopNotice2025)) as typeof stopNotice2025;
    spec.body = spec.body.filter((b) => !(b.type === 'field' && b.key === 'stopFees'));
    spec.body.push({ type: 'field', key: 'stopStage', label: 'Bước đang giải quyết' });
    const before = JSON.stringify(buildFromSpec(stopNotice2025, d));
    const changed = JSON.stringify(buildFromSpec(spec, d));
    assert.ok(before.includes('4. Phí, lệ phí') && before.includes('Không phát sinh phí, lệ phí.'));
    assert.ok(!changed.includes('4. Phí, lệ phí') && changed.includes('Bước đang giải quyết'));
    assert.ok(before.includes('Số: 05/TBD-BPTNTKQ'));
  });

  test('text is NFC-normalised before rendering (decomposed input prints as composed Vietnamese)', async () => {
    const nfd = 'Nguyễn Văn Hưởng'.normalize('NFD');
    assert.notEqual(nfd, nfd.normalize('NFC'));
    const d = sampleFormData();
    d.applicant = { ...d.applicant, name: nfd };
    const doc = templateFor(DOSSIER_FORM_TEMPLATES, 'RECEIPT_SLIP', '2025')!.build(d);
    const html = renderHtml(doc);
    assert.ok(html.includes('Nguyễn Văn Hưởng'.normalize('NFC')) && !html.includes(nfd));
    const text = extractPdfText(await renderPdf(doc)).text;
    assert.ok(text.includes('Nguyễn Văn Hưởng'.normalize('NFC')), text);
  });

  test('a period in calendar days prints 24:00 of its last day, not 00:00 of the next (Civil Code Art. 148)', async () => {
    // 15 calendar days from Wed 22/04/2026 end with Thu 07/05/2026 at 24:00, stored as 08/05 00:00.
    const due = Date.parse('2026-05-08T00:00:00+07:00');
    const d = sampleFormData();
    d.dossier = { ...d.dossier, dueAt: due, originalDueAt: due, timeLimit: { value: 15, unit: 'CALENDAR_DAYS' } };
    for (const set of ['2018', '2025'] as const) {
      const text = flat(
        extractPdfText(await renderPdf(templateFor(DOSSIER_FORM_TEMPLATES, 'RECEIPT_SLIP', set)!.build(d))).text,
      );
      assert.ok(text.includes('24 giờ 00 phút, ngày 07/05/2026'), `${set}: ${text}`);
      assert.ok(!text.includes('08/05/2026'), `${set}: no later day is promised`);
    }
  });

  test('the control sheet has one row per hand-off with Giao/Nhận times and the timeliness of the stage', async () => {
    const doc = templateFor(DOSSIER_FORM_TEMPLATES, 'PROCESS_CONTROL_SHEET', '2018')!.build(sampleFormData());
    const table = doc.blocks.find((b) => b.kind === 'table');
    assert.ok(table && table.kind === 'table');
    assert.equal(table.rows.length, 3, 'reception → step 1, step 1 → step 2, step 2 → the desk');
    const text = flat(extractPdfText(await renderPdf(doc)).text);
    assert.ok(text.includes('1. Giao: 15 giờ 00 phút, ngày 24/04/2026 2. Nhận: 08 giờ 15 phút, ngày 27/04/2026'), text);
    assert.ok(text.includes('Người giao: Trần Văn Minh Người nhận: Lê Quang Dũng'));
    assert.ok(text.includes('Trước hạn') && text.includes('Quá hạn') && text.includes('Đúng hạn'));
    assert.ok(text.includes('(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số:'));
  });

  test('the Tinos font files resolve through the package resolver', () => {
    for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const)
      assert.match(fontPath(style), /@expo-google-fonts\/tinos\/.+\.ttf$/);
  });
});

describe('receipt slip through HTTP', () => {
  let d: Json;
  before(async () => {
    d = await receive('2026-04-22T09:05:00+07:00');
  });

  test('PDF: code, applicant, receipt and appointment in Vietnam time, both signatures, the 2025 set', async () => {
    const res = await officer.get(formUrl(d.id, 'receipt-slip'));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-disposition'], `inline; filename="phieu-tiep-nhan-${d.code}.pdf"`);
    assert.equal(res.headers['x-form-template'], 'oss2025.receiptSlip@1');
    const text = await pdfOf(officer, d.id, 'receipt-slip');
    assert.ok(text.includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'));
    assert.ok(text.includes(`Mã hồ sơ: ${d.code}`), text);
    assert.ok(text.includes('Ông/Bà/Tổ chức: Trần Thị Bình'));
    assert.ok(text.includes('Số định danh cá nhân/Mã số định danh của tổ chức: 001190012345'));
    assert.ok(text.includes('Thư điện tử: binh.tran@example.vn'));
    assert.ok(text.includes('4. Thời gian tiếp nhận hồ sơ: 09 giờ 05 phút, ngày 22/04/2026'));
    assert.ok(text.includes(`5. Thời gian trả kết quả giải quyết hồ sơ: ${vnTimeDate(d.dueAt)}`), text);
    assert.ok(text.includes(`Nội dung yêu cầu giải quyết: ${procedureName}`), text);
    assert.ok(text.includes('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ XÃ MÊ LINH'));
    assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc'));
    assert.ok(text.includes('Mê Linh, ngày 22 tháng 04 năm 2026'));
    assert.ok(text.includes('Số: ……/TNHS-BPTNTKQ'));
    assert.ok(text.includes('NGƯỜI NỘP HỒ SƠ') && text.includes('NGƯỜI TIẾP NHẬN HỒ SƠ'));
    assert.ok(text.includes('Nguyễn Thị Hoa'), 'the receiving officer’s name');
    assert.ok(text.includes(`${PUBLIC_URL}/tra-cuu?ma=${encodeURIComponent(d.code)}`), 'the lookup link is printed');
    assert.ok(text.includes('Thông tư số 03/2025/TT-VPCP'));
  });

  test('HTML: the same content, and the QR code encodes the lookup URL', async () => {
    const html = await htmlOf(officer, d.id, 'receipt-slip');
    const url = `${PUBLIC_URL}/tra-cuu?ma=${encodeURIComponent(d.code)}`;
    assert.ok(html.includes(`data-qr="${url}"`), 'the QR code is of the lookup URL');
    const path = /<svg class="qr"[^>]*>.*?<path fill="#000" d="([^"]+)"/s.exec(html)?.[1];
    assert.ok(path, 'the QR image is present');
    const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const modules = Array.from({ length: symbol.modules.size }, (_, r) =>
      Array.from({ length: symbol.modules.size }, (_, c) => Boolean(symbol.modules.get(r, c))),
    );
    assert.equal(path, qrSvgPath(modules), 'the drawn modules are those of the URL');
    assert.ok(html.includes(d.code) && html.includes('Trần Thị Bình'));
    assert.ok(html.includes('09 giờ 05 phút, ngày 22/04/2026') && html.includes(vnTimeDate(d.dueAt)));
    assert.ok(html.includes('@page{size:A4 portrait;margin:2cm}'));
    assert.ok(!/<script/i.test(html), 'no script in the page');
    assert.ok(html.includes('url("/api/v1/forms/fonts/tinos-regular.ttf")'), 'the PDF’s font for the page');
    const font = await t.anonymous.get('/api/v1/forms/fonts/tinos-regular.ttf');
    assert.equal(font.statusCode, 200);
    assert.equal(font.headers['content-type'], 'font/ttf');
    assert.equal(font.rawPayload.readUInt32BE(0), 0x00010000, 'a TrueType file');
  });

  test('a hostile applicant name is escaped in HTML and printed literally in the PDF', async () => {
    const hostile = await receive('2026-04-22T10:00:00+07:00', {
      applicant: { ...applicant, name: '<script>alert("x")</script> Đỗ & Co' },
    });
    const html = await htmlOf(officer, hostile.id, 'receipt-slip');
    assert.ok(!html.includes('<script>alert'), 'no live script');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Đỗ &amp; Co'));
    const text = await pdfOf(officer, hostile.id, 'receipt-slip');
    assert.ok(text.includes('<script>alert("x")</script> Đỗ & Co'));
  });

  test('the citizen who submitted it may print the forms addressed to them, not the internal control sheet; other citizens get 404', async () => {
    await sql`UPDATE dossier SET submitted_by = ${citizen.userId}::uuid WHERE id = ${d.id}::uuid`.execute(
      t.database.db,
    );
    const own = await citizen.get(formUrl(d.id, 'receipt-slip'));
    assert.equal(own.statusCode, 200, own.body);
    const sheet = await citizen.get(formUrl(d.id, 'process-control-sheet'));
    assert.equal(sheet.statusCode, 403, sheet.body);
    const other = await receive('2026-04-22T10:30:00+07:00');
    const notOwn = await citizen.get(formUrl(other.id, 'receipt-slip'));
    const missing = await citizen.get(formUrl(randomUUID(), 'receipt-slip'));
    assert.equal(notOwn.statusCode, 404);
    assert.equal(missing.statusCode, 404);
  });

  test('an officer of another unit gets 404, like a missing dossier; anonymous gets 401', async () => {
    const other = await outsider.get(formUrl(d.id, 'receipt-slip'));
    assert.equal(other.statusCode, 404, other.body);
    assert.equal(other.json().code, 'NOT_FOUND');
    const missing = await officer.get(formUrl(randomUUID(), 'receipt-slip'));
    assert.equal(missing.statusCode, 404);
    const anon = await t.anonymous.get(formUrl(d.id, 'receipt-slip'));
    assert.equal(anon.statusCode, 401, anon.body);
    assert.equal(anon.json().code, 'AUTH_REQUIRED');
    const bad = await officer.get(formUrl(d.id, 'no-such-form'));
    assert.equal(bad.statusCode, 400);
    const badFormat = await officer.get(formUrl(d.id, 'receipt-slip', 'docx'));
    assert.equal(badFormat.statusCode, 400);
  });

  test('forms that do not apply to a just-received dossier → 409 FORM_NOT_APPLICABLE', async () => {
    for (const form of ['supplement-request', 'reception-refusal', 'apology-letter', 'stop-notice'])
      await assertNotApplicable(officer, d.id, form);
    const sheet = await pdfOf(officer, d.id, 'process-control-sheet');
    assert.ok(sheet.includes('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ') && sheet.includes(d.code));
  });
});

describe('forms of a processed dossier (2025 set)', () => {
  let d: Json;
  let state: Json;
  before(async () => {
    d = await receive('2026-04-22T09:05:00+07:00');
    const cal = (await calendarCacheFor(t.database.db).get(communeId)).calendar;
    let newDate = addDays(localDateOf(Date.parse(d.dueAt)), 3);
    while (!cal.isWorkingDay(newDate)) newDate = addDays(newDate, 1);
    state = await appendActions(d.id, [
      {
        type: 'TRANSFER',
        by: officer,
        role: 'COUNTER_OFFICER',
        at: '2026-04-22T10:00:00+07:00',
        payload: { toUnitId: communeId },
      },
      {
        type: 'ASSIGN',
        by: leader,
        role: 'UNIT_LEADER',
        at: '2026-04-22T10:00:00+07:00',
        payload: {
          stepId: 's1',
          stepName: 'Thẩm định hồ sơ',
          assigneeUserId: specialist.userId,
          budget: { value: 2, unit: 'WORKING_DAYS' },
        },
      },
      { type: 'START_STEP', by: specialist, role: 'SPECIALIST', at: '2026-04-22T10:30:00+07:00' },
      { type: 'HAND_OFF', by: specialist, role: 'SPECIALIST', at: '2026-04-23T15:00:00+07:00' },
      {
        type: 'ASSIGN',
        by: specialist,
        role: 'SPECIALIST',
        at: '2026-04-23T15:00:00+07:00',
        payload: {
          stepId: 's2',
          stepName: 'Phê duyệt',
          assigneeUserId: leader.userId,
          budget: { value: 1, unit: 'WORKING_DAYS' },
        },
      },
      { type: 'START_STEP', by: leader, role: 'UNIT_LEADER', at: '2026-04-24T08:15:00+07:00' },
      {
        type: 'APOLOGIZE_AND_RESCHEDULE',
        by: leader,
        role: 'UNIT_LEADER',
        at: '2026-04-24T09:00:00+07:00',
        payload: {
          reason: 'Cần xác minh thêm thông tin tại thôn',
          newDueDate: newDate,
          signerName: 'Lê Quang Dũng',
          letterNumber: '12/PXL-UBND',
        },
      },
      {
        type: 'REQUEST_WITHDRAWAL',
        by: officer,
        role: 'COUNTER_OFFICER',
        at: '2026-04-24T10:00:00+07:00',
        payload: { reason: 'Gia đình đổi ý' },
      },
      {
        type: 'STOP',
        by: officer,
        role: 'COUNTER_OFFICER',
        at: '2026-04-24T11:00:00+07:00',
        payload: { reason: 'Người nộp hồ sơ rút hồ sơ', stopNoticeNumber: '05' },
      },
    ]);
    assert.equal(state.state, 'STOPPED');
  });

  test('process-control sheet (Mẫu 06): a row per hand-off built from the steps', async () => {
    const text = await pdfOf(specialist, d.id, 'process-control-sheet');
    assert.ok(text.includes('Mẫu số 06'));
    assert.ok(
      text.includes('1. Giao: Bộ phận Tiếp nhận và Trả kết quả Xã Mê Linh 2. Nhận: Xã Mê Linh'),
      'reception hands over to the commune',
    );
    assert.ok(text.includes('1. Giao: 10 giờ 00 phút, ngày 22/04/2026 2. Nhận: 10 giờ 30 phút, ngày 22/04/2026'), text);
    assert.ok(text.includes('Người giao: Nguyễn Thị Hoa Người nhận: Trần Văn Minh'));
    assert.ok(text.includes('1. Giao: 15 giờ 00 phút, ngày 23/04/2026 2. Nhận: 08 giờ 15 phút, ngày 24/04/2026'));
    assert.ok(text.includes('Người giao: Trần Văn Minh Người nhận: Lê Quang Dũng'));
    const step1 = state.steps[0].timeliness as 'EARLY' | 'ON_TIME' | 'OVERDUE';
    const label = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', OVERDUE: 'Quá hạn' }[step1];
    assert.ok(text.includes(`${label} Bước: Phê duyệt`), `the first step's timeliness (${label}) on the hand-off row`);
    const html = await htmlOf(specialist, d.id, 'process-control-sheet');
    assert.equal((html.match(/<tbody>.*<\/tbody>/s)?.[0].match(/<tr>/g) ?? []).length, 2);
  });

  test('apology letter (2025 Mẫu 04): the new date only, the old appointment, the reason', async () => {
    const text = await pdfOf(leader, d.id, 'apology-letter');
    assert.ok(text.includes('PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'));
    assert.ok(text.includes('Kính gửi: Trần Thị Bình'));
    assert.ok(text.includes('Lý do: Cần xác minh thêm thông tin tại thôn'));
    assert.ok(text.includes('Số: 12/PXL-UBND'));
    const [y, m, dd] = (state.apology.newDueAt ? localDateOf(state.apology.newDueAt) : '').split('-');
    assert.ok(text.includes(`thời gian trả kết quả giải quyết hồ sơ là ngày ${dd}/${m}/${y}.`), text);
    assert.ok(text.includes(vnTimeDate(d.dueAt)), 'the appointment of the receipt slip');
  });

  test('stop notice (2025 Mẫu 05): the request, the stage reached, the decision, the fees', async () => {
    const text = await pdfOf(officer, d.id, 'stop-notice');
    assert.ok(text.includes('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ'));
    assert.ok(text.includes('Số: 05/TBD-BPTNTKQ'));
    assert.ok(text.includes('Ngày 24/04/2026, người nộp hồ sơ đề nghị rút hồ sơ (lý do: Gia đình đổi ý).'), text);
    assert.ok(text.includes('ở bước “Phê duyệt” tại Xã Mê Linh'), text);
    assert.ok(text.includes('3. Quyết định: Dừng giải quyết hồ sơ kể từ ngày 24 tháng 04 năm 2026.'));
    assert.ok(text.includes('4. Phí, lệ phí: Không phát sinh phí, lệ phí.'));
    const html = await htmlOf(officer, d.id, 'stop-notice');
    assert.ok(html.includes('Người nộp hồ sơ rút hồ sơ'));
  });
});

describe('supplement request and reception refusal', () => {
  test('supplement request (2025 Mẫu 02) lists the items, the reason and the restart of the time limit', async () => {
    const d = await receive('2026-04-27T09:00:00+07:00');
    await appendActions(d.id, [
      {
        type: 'ASSIGN',
        by: leader,
        role: 'UNIT_LEADER',
        at: '2026-04-27T10:00:00+07:00',
        payload: { stepId: 's1', stepName: 'Thẩm định', assigneeUserId: specialist.userId },
      },
      { type: 'START_STEP', by: specialist, role: 'SPECIALIST', at: '2026-04-27T10:30:00+07:00' },
      {
        type: 'REQUEST_SUPPLEMENT',
        by: specialist,
        role: 'SPECIALIST',
        at: '2026-04-28T09:00:00+07:00',
        payload: {
          items: ['Bản sao giấy chứng nhận kết hôn', 'Tờ khai có chữ ký của người đi đăng ký'],
          reason: 'Thành phần hồ sơ chưa đầy đủ theo quy định',
        },
      },
    ]);
    const text = await pdfOf(officer, d.id, 'supplement-request');
    assert.ok(text.includes('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'));
    assert.ok(text.includes('Số: ……/PBS-BPTNTKQ') && text.includes('Mê Linh, ngày 28 tháng 04 năm 2026'));
    assert.ok(text.includes('1. Bản sao giấy chứng nhận kết hôn 2. Tờ khai có chữ ký của người đi đăng ký'), text);
    assert.ok(text.includes('Lý do: Thành phần hồ sơ chưa đầy đủ theo quy định'));
    assert.ok(text.includes('liên hệ với Trần Văn Minh'));
    assert.ok(text.includes('Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ.'), 'RESTART (2025)');
    assert.ok(text.includes('NGƯỜI HƯỚNG DẪN'));
  });

  test('reception refusal (Mẫu 03) of a dossier refused before reception: no code, the reasons', async () => {
    const id = await insertDossier(
      communeId,
      [
        {
          type: 'REFUSE_RECEPTION',
          role: 'COUNTER_OFFICER',
          at: '2026-04-29T08:30:00+07:00',
          payload: {
            reasons: ['Thủ tục không thuộc thẩm quyền giải quyết của xã', 'Người nộp không có giấy ủy quyền'],
          },
        },
      ],
      officer,
    );
    const text = await pdfOf(officer, id, 'reception-refusal');
    assert.ok(text.includes('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'));
    assert.ok(text.includes('1. Thủ tục không thuộc thẩm quyền giải quyết của xã 2. Người nộp không có giấy ủy quyền'));
    assert.ok(!text.includes('Mã hồ sơ (nếu có)'), 'no code line without a code');
    assert.ok(text.includes('Mê Linh, ngày 29 tháng 04 năm 2026'));
    await assertNotApplicable(officer, id, 'receipt-slip');
  });
});

describe('a dossier of the 2018 regime', () => {
  let id: string;
  let oldCommune: string;
  before(async () => {
    oldCommune = (
      await t.database.db.selectFrom('unit').select('id').where('code', '=', '000.14.41.H26').executeTakeFirstOrThrow()
    ).id;
    id = await insertDossier(
      oldCommune,
      [
        {
          type: 'RECEIVE',
          role: 'COUNTER_OFFICER',
          at: '2024-05-06T14:20:00+07:00',
          payload: {
            channel: 'COUNTER',
            dossierCode: '000.14.41.H26-240506-0001',
            procedure: { procedureCode, timeLimit: { value: 5, unit: 'WORKING_DAYS' } },
          },
        },
        { type: 'REQUEST_WITHDRAWAL', role: 'COUNTER_OFFICER', at: '2024-05-07T09:00:00+07:00' },
        { type: 'STOP', role: 'COUNTER_OFFICER', at: '2024-05-07T10:00:00+07:00', payload: { reason: 'Rút hồ sơ' } },
      ],
      officer,
    );
  });

  test('the receipt slip uses the 2018 template (Circular 01/2018), with the district as đơn vị chủ quản', async () => {
    const res = await admin.get(formUrl(id, 'receipt-slip'));
    assert.equal(res.headers['x-form-template'], 'oss2018.receiptSlip@1');
    const text = await pdfOf(admin, id, 'receipt-slip');
    assert.ok(text.includes('ỦY BAN NHÂN DÂN HUYỆN MÊ LINH BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ XÃ MÊ LINH'), text);
    assert.ok(text.includes('Số: ……/TNHS') && !text.includes('TNHS-'));
    assert.ok(text.includes('Tiếp nhận hồ sơ của: Trần Thị Bình'));
    assert.ok(text.includes('4. Thời gian nhận hồ sơ: 14 giờ 20 phút, ngày 06/05/2024'));
    assert.ok(text.includes('Tên loại giấy tờ'), 'the 2018 papers table');
    assert.ok(text.includes('Thông tư số 01/2018/TT-VPCP'));
  });

  test('a stop notice does not exist in the 2018 set → FORM_NOT_APPLICABLE', async () => {
    const res = await admin.get(formUrl(id, 'stop-notice'));
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'FORM_NOT_APPLICABLE');
    assert.match(res.json().detail, /Thông tư 03\/2025/);
  });

  test('the officers of the new commune do not reach the former commune’s dossier', async () => {
    const res = await officer.get(formUrl(id, 'receipt-slip'));
    assert.equal(res.statusCode, 404);
  });
});

describe('tracking book', () => {
  const from = '2026-05-04';
  const to = '2026-05-05';
  const codes: string[] = [];
  before(async () => {
    codes.push((await receive('2026-05-04T08:10:00+07:00')).code);
    codes.push(
      (await receive('2026-05-04T15:40:00+07:00', { applicant: { ...applicant, name: 'Lê Văn Cường' } })).code,
    );
    codes.push((await receive('2026-05-05T09:00:00+07:00')).code);
    await receive('2026-05-06T09:00:00+07:00'); // after the range
    await receive('2026-05-03T09:00:00+07:00'); // before it
  });
  const bookUrl = (format: string, extra = '') =>
    `/api/v1/tracking-book?unitId=${communeId}&from=${from}&to=${to}&format=${format}${extra}`;

  test('XLSX (2025 Mẫu 07): official header rows with merged cells, one row per dossier in range, dd/mm/yyyy', async () => {
    const res = await officer.get(bookUrl('xlsx'));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="so-theo-doi-ho-so-.+\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TRACKING_SHEET_NAME);
    assert.ok(ws, 'the Vietnamese sheet name');
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    let header = 0;
    for (let r = 1; r <= 12 && !header; r++) if (values(r)[0] === 'STT') header = r;
    assert.ok(header, 'a header row starting with STT');
    assert.deepEqual(values(header).slice(0, 6), [
      'STT',
      'Mã hồ sơ',
      'Tên thủ tục hành chính',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
    ]);
    assert.equal(ws.getCell(header, 7).value, 'Tiếp nhận và trả kết quả');
    assert.deepEqual(values(header + 1).slice(6, 11), [
      'Ngày nhận hồ sơ',
      'Ngày hẹn trả kết quả',
      'Ngày trả kết quả',
      'Hình thức nhận kết quả',
      'Ký nhận',
    ]);
    assert.equal(ws.getCell(header, 7).isMerged && ws.getCell(header, 11).master.address, 'G' + header);
    assert.equal(ws.getCell(header + 1, 1).master.address, `A${header}`, 'STT spans both header rows');
    assert.equal(values(header + 2)[0], '(1)');
    const first = header + 3;
    const rows: string[] = [];
    for (let r = first; ws.getCell(r, 2).value; r++) rows.push(String(ws.getCell(r, 2).value));
    assert.deepEqual(rows, codes, 'one row per dossier received in the range, by receipt time');
    const received = ws.getCell(first, 7);
    assert.ok(received.value instanceof Date);
    assert.equal((received.value as Date).toISOString().slice(0, 10), '2026-05-04');
    assert.equal(received.numFmt, 'dd/mm/yyyy');
    assert.equal(ws.getCell(first + 1, 4).value, 'Lê Văn Cường');
    assert.equal(ws.getCell(first, 1).value, 1);
    assert.ok(String(ws.getCell(first, 5).value).includes('0912345678'));
    const above = Array.from({ length: header - 1 }, (_, k) => String(ws.getCell(k + 1, 1).value ?? ''));
    assert.ok(
      above.includes('SỔ THEO DÕI HỒ SƠ') && above.includes('Từ ngày 04/05/2026 đến ngày 05/05/2026'),
      `${above}`,
    );
  });

  test('the 2018 book (Mẫu 06) has the 14 columns of §14.3', async () => {
    const res = await officer.get(bookUrl('xlsx', '&formSet=2018'));
    assert.equal(res.statusCode, 200, res.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TRACKING_SHEET_NAME)!;
    let header = 0;
    for (let r = 1; r <= 12 && !header; r++) if (ws.getCell(r, 1).value === 'STT') header = r;
    const cols = (ws.getRow(header).values as unknown[]).slice(1).map(String);
    assert.equal(cols.length, 14);
    assert.deepEqual(cols.slice(7, 14), [
      'Nhận hồ sơ (ngày/tháng/năm)',
      'Hẹn trả kết quả',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Nhận kết quả từ cơ quan giải quyết',
      'Trả kết quả cho cá nhân, tổ chức',
      'Ký nhận',
      'Ghi chú',
    ]);
  });

  test('PDF and HTML of the same book', async () => {
    const pdf = await officer.get(bookUrl('pdf'));
    assert.equal(pdf.statusCode, 200, pdf.body);
    const text = flat(extractPdfText(pdf.rawPayload).text);
    assert.ok(text.includes('SỔ THEO DÕI HỒ SƠ') && text.includes('Từ ngày 04/05/2026 đến ngày 05/05/2026'));
    for (const c of codes) assert.ok(text.includes(c), c);
    assert.ok(text.includes('Lê Văn Cường'));
    const html = await officer.get(bookUrl('html'));
    assert.equal(html.statusCode, 200);
    assert.ok(html.body.includes('colspan="5"') && html.body.includes('@page{size:A4 landscape;margin:2cm}'));
  });

  test('scope and input: another unit 404, anonymous 401, a reversed or too long range 400', async () => {
    assert.equal((await outsider.get(bookUrl('xlsx'))).statusCode, 404);
    assert.equal((await t.anonymous.get(bookUrl('xlsx'))).statusCode, 401);
    const reversed = await officer.get(`/api/v1/tracking-book?unitId=${communeId}&from=${to}&to=${from}`);
    assert.equal(reversed.statusCode, 400);
    const long = await officer.get(`/api/v1/tracking-book?unitId=${communeId}&from=2025-01-01&to=2026-06-30`);
    assert.equal(long.statusCode, 400);
    const bad = await officer.get(`/api/v1/tracking-book?unitId=${communeId}&from=2026-02-30&to=2026-03-01`);
    assert.equal(bad.statusCode, 400);
  });

  test('renderXlsx refuses a document without a table', async () => {
    const doc = templateFor(DOSSIER_FORM_TEMPLATES, 'RECEIPT_SLIP', '2025')!.build(sampleFormData());
    await assert.rejects(renderXlsx({ ...doc, blocks: doc.blocks.filter((b) => b.kind !== 'table') }));
  });
});
