/**
 * GET /api/v1/statistics/bieu07b through the real app on PostgreSQL with the demo catalogue: the JSON
 * numbers against counts computed here with independent SQL, as-of dating of internal processes, the XLSX
 * and PDF downloads, 400 on a bad query, 401/403 for who may not read reports.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { extractPdfText, flat } from '../forms/pdfText';
import type { Bieu07bReport } from '../../src/stats/bieu07b';

const OWN_CODE = '000.00.L7.H26'; // Xã Mê Linh
const AS_OF = '2025-09-01';

let t: TestApp;
let leader: Client; // lanhdao, UNIT_LEADER on Xã Mê Linh + subtree
let unitId: string;

const url = (q: string) => `/api/v1/statistics/bieu07b?${q}`;

/** Counts by level written without the catalogue's code: versions in force, units, delegations, processes. */
async function expectedCounts(unit: string, asOf: string) {
  const r = await sql<{ level: string; procedures: number; processes: number }>`
    WITH v AS (
      SELECT DISTINCT ON (pv.procedure_id) pv.procedure_id, pv.id, pv.levels FROM procedure_version pv
      WHERE pv.superseded_at IS NULL AND daterange(pv.effective_from, pv.effective_to, '[]') @> ${asOf}::date
      ORDER BY pv.procedure_id, pv.effective_from DESC),
    j AS (
      SELECT v.* FROM v
      WHERE v.id IN (SELECT version_id FROM procedure_version_unit WHERE unit_id = ${unit}::uuid)
         OR v.procedure_id IN (SELECT procedure_id FROM procedure_delegation WHERE unit_id = ${unit}::uuid
              AND daterange(effective_from, effective_to, '[]') @> ${asOf}::date)),
    ip AS (
      SELECT procedure_version_id, count(*)::int AS n FROM internal_process
      WHERE unit_id = ${unit}::uuid AND status = 'APPROVED' AND coalesce(effective_from, approved_at) <= ${asOf}::date
      GROUP BY procedure_version_id)
    SELECT coalesce(l.level, 'TOTAL') AS level, count(*)::int AS procedures, coalesce(sum(ip.n), 0)::int AS processes
    FROM j LEFT JOIN ip ON ip.procedure_version_id = j.id
    CROSS JOIN LATERAL (SELECT unnest(j.levels) AS level UNION ALL SELECT NULL) l
    GROUP BY l.level`.execute(t.database.db);
  return new Map(r.rows.map((x) => [x.level, { procedures: x.procedures, processes: x.processes }]));
}

before(async () => {
  t = await createTestApp();
  leader = await t.login('lanhdao');
  unitId = (await t.database.db.selectFrom('unit').select('id').where('code', '=', OWN_CODE).executeTakeFirstOrThrow())
    .id;
});
after(() => t.close());

describe('Biểu II.07b — JSON', () => {
  let report: Bieu07bReport;
  before(async () => {
    const res = await leader.get(url(`unitId=${unitId}&asOf=${AS_OF}`));
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    report = res.json();
  });

  test('the unit and the date', () => {
    assert.equal(report.unit.id, unitId);
    assert.equal(report.unit.name, 'Xã Mê Linh');
    assert.equal(report.asOf, AS_OF);
  });

  test('per level and in total, the numbers equal independent SQL counts', async () => {
    const want = await expectedCounts(unitId, AS_OF);
    const total = want.get('TOTAL')!;
    assert.ok(total.procedures > 0 && total.processes > 0, 'the demo commune has procedures and processes');
    assert.equal(report.total.jurisdiction, total.procedures);
    assert.equal(report.total.internalProcesses, total.processes);
    for (const row of report.rows) {
      const w = want.get(row.key) ?? { procedures: 0, processes: 0 };
      assert.equal(row.jurisdiction, w.procedures, row.key);
      assert.equal(row.internalProcesses, w.processes, row.key);
    }
    for (const level of want.keys())
      if (level !== 'TOTAL')
        assert.ok(
          report.rows.some((r) => r.key === level),
          level,
        );
    assert.deepEqual(
      report.rows.slice(0, 2).map((r) => r.key),
      ['PROVINCE', 'COMMUNE'],
      'the two levels of local government come first',
    );
  });

  test('delegated procedures count under the jurisdiction; procedures without a process are reported', async () => {
    const d = await sql<{ n: number }>`SELECT count(*)::int AS n FROM procedure_delegation d
      WHERE d.unit_id = ${unitId}::uuid AND daterange(d.effective_from, d.effective_to, '[]') @> ${AS_OF}::date
        AND NOT EXISTS (SELECT 1 FROM procedure_version v JOIN procedure_version_unit pu ON pu.version_id = v.id
          WHERE v.procedure_id = d.procedure_id AND pu.unit_id = d.unit_id AND v.superseded_at IS NULL)`.execute(
      t.database.db,
    );
    assert.ok(d.rows[0]!.n > 0, 'the demo data delegates to Xã Mê Linh');
    assert.equal(report.total.delegatedOnly, d.rows[0]!.n);
    assert.equal(
      report.total.withoutInternalProcess,
      report.total.jurisdiction - report.total.internalProcesses,
      'at most one approved process per version and unit',
    );
  });

  test('one-stop handling is not recorded: null with the reason, never a guessed number', () => {
    assert.equal(report.total.oneStop, null);
    for (const r of report.rows) assert.equal(r.oneStop, null);
    assert.equal(report.oneStop.recorded, false);
    assert.equal(report.oneStop.basis, 'NOT_RECORDED');
    assert.match(report.oneStop.note, /chưa ghi nhận/);
  });

  test('as of a date before the processes took effect: same jurisdiction, no internal process', async () => {
    const res = await leader.get(url(`unitId=${unitId}&asOf=2025-08-01`));
    assert.equal(res.statusCode, 200, res.body);
    const early: Bieu07bReport = res.json();
    const want = (await expectedCounts(unitId, '2025-08-01')).get('TOTAL')!;
    assert.equal(early.total.jurisdiction, want.procedures);
    assert.equal(early.total.internalProcesses, 0);
    assert.equal(want.processes, 0);
  });
});

describe('Biểu II.07b — downloads', () => {
  test('XLSX: an attachment with a Vietnamese-safe name; header, levels, numbers and the total', async () => {
    const json: Bieu07bReport = (await leader.get(url(`unitId=${unitId}&asOf=${AS_OF}`))).json();
    const res = await leader.get(url(`unitId=${unitId}&asOf=${AS_OF}&format=xlsx`));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="bieu-ii.07b-xa-me-linh-${AS_OF}.xlsx"; filename*=UTF-8''${encodeURIComponent(`Biểu II.07b - Xã Mê Linh - ${AS_OF}.xlsx`)}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo cấp')!;
    assert.ok(ws, 'sheet Theo cấp');
    const cellText = (r: number, c: number) => {
      const v = ws.getCell(r, c).value as unknown;
      if (v && typeof v === 'object' && 'richText' in v)
        return (v as ExcelJS.CellRichTextValue).richText.map((x) => x.text).join('');
      return v === null || v === undefined ? '' : String(v);
    };
    let h = 0;
    for (let r = 1; r <= ws.rowCount && !h; r++) if (cellText(r, 1) === 'STT') h = r;
    assert.ok(h > 0);
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((c) => cellText(h, c)),
      [
        'STT',
        'Cấp thực hiện',
        'Số TTHC thuộc thẩm quyền giải quyết',
        'Số TTHC thực hiện theo cơ chế một cửa, một cửa liên thông',
        'Số quy trình nội bộ được ban hành',
      ],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((c) => cellText(h + 1, c)),
      ['(1)', '(2)', '(3)', '(4)', '(5)'],
    );
    const labels = ['Cấp tỉnh', 'Cấp xã'];
    for (const [i, label] of labels.entries()) {
      const row = json.rows.find((r) => r.key === (i === 0 ? 'PROVINCE' : 'COMMUNE'))!;
      assert.equal(cellText(h + 2 + i, 2), label);
      assert.equal(ws.getCell(h + 2 + i, 3).value, row.jurisdiction);
      assert.equal(ws.getCell(h + 2 + i, 5).value, row.internalProcesses);
    }
    let total = 0;
    for (let r = h; r <= ws.rowCount && !total; r++) if (cellText(r, 2) === 'Tổng cộng') total = r;
    assert.ok(total > 0);
    assert.equal(ws.getCell(total, 3).value, json.total.jurisdiction);
    assert.equal(cellText(total, 4), '—', 'not recorded: a dash, not 0');
    assert.equal(ws.getCell(total, 5).value, json.total.internalProcesses);
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value && typeof c.value === 'object' ? '' : c.value))));
    assert.ok(all.some((s) => s.includes('Số liệu tính đến ngày 01/09/2025')));
    assert.ok(all.some((s) => s.includes('chưa ghi nhận thủ tục nào thực hiện')));
  });

  test('PDF: inline, Tinos, the Vietnamese text intact', async () => {
    const res = await leader.get(url(`unitId=${unitId}&asOf=${AS_OF}&format=pdf`));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(
      String(res.headers['content-disposition']),
      /^inline; filename="bieu-ii\.07b-xa-me-linh-2025-09-01\.pdf"/,
    );
    assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    const pdf = extractPdfText(res.rawPayload);
    assert.ok(
      pdf.fonts.every((f) => /\+Tinos-/.test(f)),
      pdf.fonts.join(),
    );
    const text = flat(pdf.text);
    for (const s of [
      'Biểu số II.07b/VPCP/KSTT',
      'XÃ MÊ LINH',
      'Số quy trình nội bộ được ban hành',
      'Số liệu tính đến ngày 01/09/2025',
      'Cấp xã',
      'Tổng cộng',
    ])
      assert.ok(text.includes(s), `${s} in ${text}`);
  });
});

describe('Biểu II.07b — refusals', () => {
  for (const [q, field] of [
    ['unitId=abc', 'query.unitId'],
    ['format=docx', 'query.format'],
    ['extra=1', 'query.extra'],
  ] as const)
    test(`400 for ${q}`, async () => {
      const res = await leader.get(url(q.startsWith('unitId') ? q : `unitId=${unitId}&${q}`));
      assert.equal(res.statusCode, 400, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const body = res.json();
      assert.equal(body.code, 'VALIDATION_FAILED');
      assert.ok(
        body.errors.some((e: { field: string }) => e.field === field),
        JSON.stringify(body.errors),
      );
    });

  test('an impossible date on the own unit is 400 too', async () => {
    const res = await leader.get(url(`unitId=${unitId}&asOf=2025-02-30`));
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { field: string }) => e.field),
      ['query.asOf'],
    );
  });

  test('401 anonymous, 403 for a citizen and for a counter officer (no reports.read)', async () => {
    assert.equal((await t.anonymous.get(url(`unitId=${unitId}`))).statusCode, 401);
    for (const who of ['congdan', 'tiepnhan']) {
      const res = await (await t.login(who)).get(url(`unitId=${unitId}&asOf=${AS_OF}`));
      assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
      assert.equal(res.json().code, 'FORBIDDEN');
    }
  });
});
