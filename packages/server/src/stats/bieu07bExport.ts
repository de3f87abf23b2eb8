/**
 * Biểu II.07b/VPCP/KSTT as XLSX and PDF, in the shared layout of the statistics forms (layout.ts): rows by
 * implementing level and "Tổng cộng", columns (3) procedures under the jurisdiction, (4) handled under the
 * one-stop mechanism ("—" while not recorded), (5) internal processes issued. Column layout (unconfirmed —
 * keep configurable): the circular's own table was not available; the three facts are those of §18.
 */
import { localDateText } from '../forms/format';
import { levelLabel, statPdf, statWorkbook, type StatForm } from './layout';
import type { Bieu07bReport, Bieu07bRow } from './bieu07b';

export interface Bieu07bMeta {
  generatedAt: Date;
  signerTitle?: string | undefined;
}

export const BIEU07B_FORM_CODE = 'Biểu số II.07b/VPCP/KSTT';
export const BIEU07B_TITLE = [
  'SỐ LƯỢNG THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT, THỰC HIỆN THEO CƠ CHẾ MỘT CỬA,',
  'MỘT CỬA LIÊN THÔNG VÀ SỐ QUY TRÌNH NỘI BỘ ĐƯỢC BAN HÀNH',
];

export function bieu07bForm(report: Bieu07bReport, meta: Bieu07bMeta): StatForm {
  const date = localDateText(report.asOf);
  const values = (r: Bieu07bRow) => [r.jurisdiction, r.oneStop, r.internalProcesses];
  return {
    templateId: 'stats.bieu07b',
    templateVersion: '1',
    formCode: BIEU07B_FORM_CODE,
    title: BIEU07B_TITLE,
    unitName: report.unit.name,
    periodLine: `Số liệu tính đến ngày ${date}`,
    measure: 'Đơn vị tính: thủ tục hành chính; quy trình',
    generatedAt: meta.generatedAt,
    signerTitle: meta.signerTitle ?? 'Thủ trưởng đơn vị',
    tables: [
      {
        sheetName: 'Theo cấp',
        heading: 'Theo cấp thực hiện',
        labelHeader: 'Cấp thực hiện',
        valueHeader: [
          [
            { text: 'Số TTHC thuộc thẩm quyền giải quyết' },
            { text: 'Số TTHC thực hiện theo cơ chế một cửa, một cửa liên thông' },
            { text: 'Số quy trình nội bộ được ban hành' },
          ],
        ],
        valueWidths: [22, 26, 22],
        rows: [
          ...report.rows.map((r) => ({ label: levelLabel(r.key), values: values(r) })),
          { label: 'Tổng cộng', values: values(report.total), total: true },
        ],
        notes: [report.oneStop.note, ...report.notes],
      },
    ],
    notes: [
      'Thủ tục thuộc thẩm quyền: phiên bản có hiệu lực tại ngày báo cáo áp dụng tại đơn vị theo quyết định công bố, hoặc được ủy quyền, phân cấp cho đơn vị.',
      'Mẫu biểu và cách tính chưa được đối chiếu với văn bản gốc (chưa xác nhận — có thể cấu hình).',
    ],
    filename: `Biểu II.07b - ${report.unit.name} - ${report.asOf}`,
    subject: `${BIEU07B_FORM_CODE} — ${report.unit.name} — ${date}`,
  };
}

export function bieu07bWorkbook(report: Bieu07bReport, meta: Bieu07bMeta): Promise<Buffer> {
  return statWorkbook(bieu07bForm(report, meta));
}

export function bieu07bPdf(report: Bieu07bReport, meta: Bieu07bMeta): Promise<Buffer> {
  return statPdf(bieu07bForm(report, meta));
}
