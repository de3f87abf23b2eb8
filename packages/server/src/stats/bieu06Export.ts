/**
 * Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP; one-stop-dossiers §18) from the domain's `Bieu06Report`:
 * the official 13 columns with the three-level header, one sheet / section by field (lĩnh vực) and one by
 * level (cấp), the "Tổng cộng" row, and notes for what the form has no column for (dossiers stopped,
 * withdrawn or refused after reception, dossiers without a due date or a channel) and for rows whose
 * consistency check does not hold. The numbers are the report's; nothing is recomputed here.
 */
import type { Bieu06Report, Bieu06Row } from '@motcua/domain/index766/index';
import type { HeaderCell } from '../forms/model';
import { dateVN } from '../forms/format';
import { levelLabel, numberText, statPdf, statWorkbook, type StatForm, type StatRow, type StatTable } from './layout';

export interface Bieu06Meta {
  unitName: string;
  /** e.g. 'Quý III năm 2026' */
  periodLabel: string;
  /** Field code → field name (lĩnh vực); a code without a name prints as is. */
  fieldNames: Record<string, string>;
  generatedAt: Date;
  /** Title of the signing head, default 'Thủ trưởng đơn vị'. */
  signerTitle?: string;
}

export const BIEU06_FORM_CODE = 'Biểu số 06/VPCP/KSTT';
export const BIEU06_TITLE = [
  'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
  'TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
];

/** Columns (3)…(13) under the official three-level header. */
export const BIEU06_VALUE_HEADER: HeaderCell[][] = [
  [
    { text: 'Số hồ sơ nhận giải quyết', colSpan: 4 },
    { text: 'Kết quả giải quyết', colSpan: 7 },
  ],
  [
    { text: 'Tổng số', rowSpan: 2 },
    { text: 'Trong kỳ', colSpan: 2 },
    { text: 'Từ kỳ trước', rowSpan: 2 },
    { text: 'Số hồ sơ đã giải quyết', colSpan: 4 },
    { text: 'Số hồ sơ đang giải quyết', colSpan: 3 },
  ],
  [
    { text: 'Trực tuyến' },
    { text: 'Trực tiếp, dịch vụ bưu chính' },
    { text: 'Tổng số' },
    { text: 'Trước hạn' },
    { text: 'Đúng hạn' },
    { text: 'Quá hạn' },
    { text: 'Tổng số' },
    { text: 'Trong hạn' },
    { text: 'Quá hạn' },
  ],
];

/** The row's numbers in column order (3)…(13). */
export function bieu06Values(r: Bieu06Row): number[] {
  return [
    r.received.total,
    r.received.online,
    r.received.counterAndPostal,
    r.received.carriedOver,
    r.resolved.total,
    r.resolved.early,
    r.resolved.onTime,
    r.resolved.overdue,
    r.inProgress.total,
    r.inProgress.withinDeadline,
    r.inProgress.overdue,
  ];
}

/** What the columns do not show for one row, one sentence each. */
function rowNotes(label: string, r: Bieu06Row): string[] {
  const out: string[] = [];
  const n = numberText;
  if (r.closedOther > 0)
    out.push(
      `${label}: ${n(r.closedOther)} hồ sơ dừng giải quyết, rút hoặc từ chối sau tiếp nhận trong kỳ (biểu không có cột; không tính vào cột (7) và (11)).`,
    );
  if (!r.consistency.ok)
    out.push(
      `${label}: số hồ sơ nhận giải quyết (${n(r.consistency.received)}) khác số đã giải quyết và đang giải quyết (${n(r.consistency.accounted)}), chênh lệch ${n(r.consistency.difference)}.`,
    );
  if (r.channelUnknown > 0)
    out.push(`${label}: ${n(r.channelUnknown)} hồ sơ không rõ kênh tiếp nhận, chỉ tính vào cột (3).`);
  const unclassified = r.resolved.unclassified + r.inProgress.unclassified;
  if (unclassified > 0)
    out.push(
      `${label}: ${n(unclassified)} hồ sơ không có ngày hẹn trả, tính vào tổng số (cột (7), (11)) nhưng không phân loại theo hạn.`,
    );
  return out;
}

function table(
  heading: string,
  labelHeader: string,
  rows: { label: string; row: Bieu06Row }[],
  total: Bieu06Row,
  totalNotes: boolean,
): StatTable {
  const noted = totalNotes ? [...rows, { label: 'Tổng cộng', row: total }] : rows;
  return {
    sheetName: heading,
    heading,
    labelHeader,
    valueHeader: BIEU06_VALUE_HEADER,
    valueWidths: [10, 10, 13, 10, 10, 10, 10, 10, 10, 10, 10],
    rows: [
      ...rows.map(({ label, row }): StatRow => ({ label, values: bieu06Values(row) })),
      { label: 'Tổng cộng', values: bieu06Values(total), total: true },
    ],
    notes: noted.flatMap(({ label, row }) => rowNotes(label, row)),
  };
}

/** The report with its metadata as the shared statistics layout. */
export function bieu06Form(report: Bieu06Report, meta: Bieu06Meta): StatForm {
  const first = dateVN(report.period.start)!;
  const last = dateVN(report.period.end - 1)!; // the period is [start, end): the last day is the one before end
  const periodLine = `Kỳ báo cáo: ${meta.periodLabel} (từ ngày ${first} đến ngày ${last})`;
  const fieldName = (key: string) => meta.fieldNames[key] ?? key;
  return {
    templateId: 'stats.bieu06',
    templateVersion: '1',
    formCode: BIEU06_FORM_CODE,
    title: BIEU06_TITLE,
    unitName: meta.unitName,
    periodLine,
    measure: 'Đơn vị tính: hồ sơ',
    generatedAt: meta.generatedAt,
    signerTitle: meta.signerTitle ?? 'Thủ trưởng đơn vị',
    tables: [
      table(
        'Theo lĩnh vực',
        'Lĩnh vực giải quyết',
        report.byField.map((row) => ({ label: fieldName(row.key), row })),
        report.total,
        true,
      ),
      table(
        'Theo cấp',
        'Cấp giải quyết',
        report.byLevel.map((row) => ({ label: levelLabel(row.key), row })),
        report.total,
        false, // same dossiers, same total: its notes are under the first table
      ),
    ],
    notes: [
      'Cột (3) = cột (4) + cột (5) + cột (6); hồ sơ từ kỳ trước là hồ sơ tiếp nhận trước kỳ, chưa kết thúc khi bắt đầu kỳ.',
      'Hồ sơ đã giải quyết: có kết quả (trạng thái 9, hoặc 10) trong kỳ; đang giải quyết: chưa có kết quả khi hết kỳ, trong hạn nếu hạn trả không trước thời điểm hết kỳ.',
    ],
    filename: `Biểu 06 - ${meta.unitName} - ${meta.periodLabel}`,
    subject: `${BIEU06_FORM_CODE} — ${meta.unitName} — ${periodLine}`,
  };
}

/** Biểu 06 as XLSX: sheets "Theo lĩnh vực" and "Theo cấp", numbers as numbers. */
export function bieu06Workbook(report: Bieu06Report, meta: Bieu06Meta): Promise<Buffer> {
  return statWorkbook(bieu06Form(report, meta));
}

/** Biểu 06 as PDF: landscape A4, Tinos embedded, the by-level section after the by-field one. */
export function bieu06Pdf(report: Bieu06Report, meta: Bieu06Meta): Promise<Buffer> {
  return statPdf(bieu06Form(report, meta));
}
