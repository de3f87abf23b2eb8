/**
 * Biểu 06/VPCP/KSTT renderers: a report built by the domain's bieu06() from hand-made records, written as
 * XLSX (read back with exceljs: header block, merged three-level header, (1)…(13), numbers per row, the
 * total, the notes, the "Theo cấp" sheet) and as PDF (landscape A4, Tinos, Vietnamese text intact).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { localInstant } from '@motcua/domain/calendar/index';
import {
  bieu06,
  periodOf,
  type IndexChannel,
  type IndexDossier,
  type IndexStatusEntry,
  type UnitLevel,
} from '@motcua/domain/index766/index';
import type { NationalStatusCode } from '@motcua/domain/dossier/index';
import { bieu06Pdf, bieu06Values, bieu06Workbook, type Bieu06Meta } from '../../src/stats/bieu06Export';
import { extractPdfText, flat } from '../forms/pdfText';

const at = (date: string, time = '08:00') => localInstant(date, time);

type Event = [NationalStatusCode, string, string];
/** code, field, level, channel, received (08:00), due date and time, later events. */
type Spec = [string, string, UnitLevel, IndexChannel, string, [string, string], Event[]?];

function dossier([code, field, level, channel, receivedOn, due, events = []]: Spec): IndexDossier {
  const received = at(receivedOn);
  const timeline: IndexStatusEntry[] = [
    { status: 2, at: received },
    { status: 4, at: received + 5 * 60_000 },
    ...events.map(([status, d, time]) => ({ status, at: at(d, time) })),
  ];
  const unknown = {
    synced: true,
    fullProcessEligible: null,
    fullProcessOnline: null,
    resultRequired: null,
    electronicResult: null,
    componentsDigitized: null,
    reusedData: null,
    personalStoreLinked: null,
    citizenDataUsed: null,
    feeInfo: null,
    paidOnline: null,
    dislikedOrComplained: null,
  };
  return {
    code,
    fieldCode: field,
    procedureCode: '1.001193',
    unitLevel: level,
    channel,
    receivedAt: received,
    dueAt: at(due[0], due[1]),
    statutoryMaxMs: null,
    reportDueAt: null,
    timeline,
    ...unknown,
  };
}

const quarter = periodOf({ from: '2026-07-01', to: '2026-09-30' });
const specs: Spec[] = [
  // online, resolved two days before the due date: early
  ['A', 'HT', 'COMMUNE', 'ONLINE', '2026-07-06', ['2026-07-10', '17:00'], [[9, '2026-07-08', '10:00']]],
  // counter, resolved on the due date before the due time: on time
  ['B', 'HT', 'COMMUNE', 'COUNTER', '2026-07-06', ['2026-07-10', '17:00'], [[9, '2026-07-10', '09:00']]],
  // postal, resolved after the due date: overdue
  ['C', 'DD', 'PROVINCE', 'POSTAL', '2026-08-03', ['2026-08-10', '08:00'], [[9, '2026-08-12', '10:00']]],
  // carried over from June, still open and past its due date at the end of the quarter
  ['D', 'DD', 'PROVINCE', 'COUNTER', '2026-06-20', ['2026-07-03', '17:00']],
  // received late September, due in October: in progress within the deadline
  ['E', 'DD', 'COMMUNE', 'COUNTER', '2026-09-25', ['2026-10-05', '17:00']],
  // withdrawn after reception: no column, a note and a consistency difference
  ['F', 'HT', 'COMMUNE', 'COUNTER', '2026-08-01', ['2026-08-07', '17:00'], [[7, '2026-08-03', '09:00']]],
  // ended in June: not in the report
  ['G', 'HT', 'COMMUNE', 'COUNTER', '2026-06-01', ['2026-06-05', '17:00'], [[9, '2026-06-04', '10:00']]],
];
const records = specs.map(dossier);
const report = bieu06(records, quarter);
const meta: Bieu06Meta = {
  unitName: 'Ủy ban nhân dân xã Mê Linh',
  periodLabel: 'Quý III năm 2026',
  fieldNames: { HT: 'Hộ tịch', DD: 'Đất đai' },
  generatedAt: new Date('2026-10-05T03:00:00Z'),
};

//                 (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13)
const expected = {
  DD: [3, 0, 2, 1, 1, 0, 0, 1, 2, 1, 1],
  HT: [3, 1, 2, 0, 2, 1, 1, 0, 0, 0, 0],
  COMMUNE: [4, 1, 3, 0, 2, 1, 1, 0, 1, 1, 0],
  PROVINCE: [2, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1],
  TOTAL: [6, 1, 4, 1, 3, 1, 1, 1, 2, 1, 1],
};

const text = (c: ExcelJS.Cell) => {
  const v = c.value as unknown;
  if (v && typeof v === 'object' && 'richText' in v)
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  return v === null || v === undefined ? '' : String(v);
};

function rowOf(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws.getCell(r, 2)) === label) return r;
  assert.fail(`no row ${label} in ${ws.name}`);
}

const sheetText = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => out.push(text(c))));
  return out.join('\n');
};

describe('Biểu 06 — the report the renderers receive', () => {
  test('the domain report has the hand-computed numbers', () => {
    assert.deepEqual(
      report.byField.map((r) => [r.key, bieu06Values(r)]),
      [
        ['DD', expected.DD],
        ['HT', expected.HT],
      ],
    );
    assert.deepEqual(
      report.byLevel.map((r) => [r.key, bieu06Values(r)]),
      [
        ['COMMUNE', expected.COMMUNE],
        ['PROVINCE', expected.PROVINCE],
      ],
    );
    assert.deepEqual(bieu06Values(report.total), expected.TOTAL);
    assert.equal(report.total.closedOther, 1);
    assert.equal(report.total.consistency.ok, false);
  });
});

describe('Biểu 06 — XLSX', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await bieu06Workbook(report, meta)) as unknown as ArrayBuffer);

  test('two sheets: by field and by level', () => {
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Theo lĩnh vực', 'Theo cấp'],
    );
  });

  test('header block, title, period with dd/MM/yyyy dates', () => {
    const ws = wb.getWorksheet('Theo lĩnh vực')!;
    const all = sheetText(ws);
    assert.ok(all.includes('Biểu số 06/VPCP/KSTT'), all);
    assert.ok(all.includes('Ban hành kèm theo Thông tư số 01/2020/TT-VPCP'));
    assert.ok(all.includes('ỦY BAN NHÂN DÂN XÃ MÊ LINH'), all);
    assert.ok(all.includes('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH'));
    assert.ok(all.includes('TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH'));
    assert.ok(all.includes('Kỳ báo cáo: Quý III năm 2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)'), all);
    assert.ok(all.includes('Ngày lập biểu: 05/10/2026'), all);
  });

  for (const [sheet, labelHeader] of [
    ['Theo lĩnh vực', 'Lĩnh vực giải quyết'],
    ['Theo cấp', 'Cấp giải quyết'],
  ] as const) {
    test(`${sheet}: merged three-level header and the column numbers (1)…(13)`, () => {
      const ws = wb.getWorksheet(sheet)!;
      let h = 0;
      for (let r = 1; r <= ws.rowCount && !h; r++) if (text(ws.getCell(r, 1)) === 'STT') h = r;
      assert.ok(h > 0, 'an STT header cell');
      const cell = (addr: string) => text(ws.getCell(addr));
      assert.equal(text(ws.getCell(h, 2)), labelHeader);
      assert.equal(cell(`C${h}`), 'Số hồ sơ nhận giải quyết');
      assert.equal(cell(`G${h}`), 'Kết quả giải quyết');
      assert.deepEqual(
        ['C', 'D', 'F', 'G', 'K'].map((c) => cell(`${c}${h + 1}`)),
        ['Tổng số', 'Trong kỳ', 'Từ kỳ trước', 'Số hồ sơ đã giải quyết', 'Số hồ sơ đang giải quyết'],
      );
      assert.deepEqual(
        ['D', 'E', 'G', 'H', 'I', 'J', 'K', 'L', 'M'].map((c) => cell(`${c}${h + 2}`)),
        [
          'Trực tuyến',
          'Trực tiếp, dịch vụ bưu chính',
          'Tổng số',
          'Trước hạn',
          'Đúng hạn',
          'Quá hạn',
          'Tổng số',
          'Trong hạn',
          'Quá hạn',
        ],
      );
      const merges = new Set(ws.model.merges);
      for (const range of [
        `A${h}:A${h + 2}`,
        `B${h}:B${h + 2}`,
        `C${h}:F${h}`,
        `G${h}:M${h}`,
        `C${h + 1}:C${h + 2}`,
        `D${h + 1}:E${h + 1}`,
        `F${h + 1}:F${h + 2}`,
        `G${h + 1}:J${h + 1}`,
        `K${h + 1}:M${h + 1}`,
      ])
        assert.ok(merges.has(range), `${range} merged in ${[...merges].join(' ')}`);
      assert.deepEqual(
        Array.from({ length: 13 }, (_, i) => text(ws.getCell(h + 3, i + 1))),
        Array.from({ length: 13 }, (_, i) => `(${i + 1})`),
      );
      assert.equal(ws.getCell(h + 3, 14).value, null, 'thirteen columns');
    });
  }

  const numbersOf = (ws: ExcelJS.Worksheet, r: number) =>
    Array.from({ length: 11 }, (_, i) => {
      const v = ws.getCell(r, i + 3).value;
      assert.equal(typeof v, 'number', `${ws.name} ${ws.getCell(r, i + 3).address} is a number, not ${typeof v}`);
      return v as number;
    });

  test('by field: one row per field with its name, the numbers as numbers, then the total', () => {
    const ws = wb.getWorksheet('Theo lĩnh vực')!;
    const dd = rowOf(ws, 'Đất đai');
    const ht = rowOf(ws, 'Hộ tịch');
    const total = rowOf(ws, 'Tổng cộng');
    assert.deepEqual([ht, total], [dd + 1, dd + 2]);
    assert.deepEqual(numbersOf(ws, dd), expected.DD);
    assert.deepEqual(numbersOf(ws, ht), expected.HT);
    assert.deepEqual(numbersOf(ws, total), expected.TOTAL);
    assert.deepEqual([ws.getCell(dd, 1).value, ws.getCell(ht, 1).value, ws.getCell(total, 1).value], [1, 2, null]);
    assert.equal(ws.getCell(total, 2).font?.bold, true);
  });

  test('by level: Cấp tỉnh and Cấp xã, and the same total', () => {
    const ws = wb.getWorksheet('Theo cấp')!;
    assert.deepEqual(numbersOf(ws, rowOf(ws, 'Cấp xã')), expected.COMMUNE);
    assert.deepEqual(numbersOf(ws, rowOf(ws, 'Cấp tỉnh')), expected.PROVINCE);
    assert.deepEqual(numbersOf(ws, rowOf(ws, 'Tổng cộng')), expected.TOTAL);
  });

  test('notes: the withdrawn dossier and the consistency difference', () => {
    const all = sheetText(wb.getWorksheet('Theo lĩnh vực')!);
    assert.ok(all.includes('Ghi chú:'), all);
    assert.ok(all.includes('Hộ tịch: 1 hồ sơ dừng giải quyết, rút hoặc từ chối sau tiếp nhận trong kỳ'), all);
    assert.ok(
      all.includes(
        'Tổng cộng: số hồ sơ nhận giải quyết (6) khác số đã giải quyết và đang giải quyết (5), chênh lệch 1.',
      ),
      all,
    );
    assert.ok(!all.includes('Đất đai: số hồ sơ nhận'), 'a consistent row has no note');
    assert.ok(sheetText(wb.getWorksheet('Theo cấp')!).includes('Cấp xã: 1 hồ sơ dừng giải quyết'));
  });

  test('landscape A4 print setup', () => {
    const ws = wb.getWorksheet('Theo cấp')!;
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.paperSize, 9);
  });
});

describe('Biểu 06 — PDF', async () => {
  const pdf = await bieu06Pdf(report, meta);

  test('a landscape A4 PDF in the embedded Tinos', () => {
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(/\/MediaBox \[0 0 841\.89 595\.28\]/.test(pdf.toString('latin1')), 'landscape A4 pages');
    const t = extractPdfText(pdf);
    assert.ok(t.fonts.length > 0 && t.fonts.every((f) => /\+Tinos-/.test(f)), `Tinos only: ${t.fonts}`);
  });

  test('the Vietnamese text keeps its diacritics', () => {
    const t = flat(extractPdfText(pdf).text);
    for (const s of [
      'Biểu số 06/VPCP/KSTT',
      'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      'Kỳ báo cáo: Quý III năm 2026 (từ ngày 01/07/2026 đến ngày 30/09/2026)',
      'Số hồ sơ nhận giải quyết',
      'Trực tiếp, dịch vụ bưu chính',
      'Số hồ sơ đang giải quyết',
      'Đất đai',
      'Hộ tịch',
      'Theo cấp',
      'Cấp xã',
      'Tổng cộng',
      'chênh lệch 1',
      'THỦ TRƯỞNG ĐƠN VỊ',
    ])
      assert.ok(t.includes(s), `${s} in ${t}`);
  });
});
