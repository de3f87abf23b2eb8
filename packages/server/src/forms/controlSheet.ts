/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ (spec §14.2): 2018 Mẫu 05, 2025 Mẫu 06. The electronic sheet is
 * a view of the hand-off log: one row per hand-off, built from state_json.steps.
 */
import type { Cell, FormDocument, FormSet, FormTemplate, Run } from './model';
import { nfcDeep } from './model';
import type { ControlStep, FormData } from './formData';
import { BLANK, timeDateVN, timelinessLabel } from './format';
import { filenameOf, footerOf, frame, numberLine } from './spec';
import { formValues, interpolate, receivingOfficeOf, type ValueKey } from './values';

export interface ControlSheetSpec {
  id: string;
  regime: FormSet;
  formNumber: string;
  name: string;
  version: string;
  effectiveFrom: string;
  legalBasis: string;
  numberSuffix: string;
  subtitle: { text: string; bold?: boolean; italic?: boolean }[];
  /** "label: value" lines above the table. */
  fields: { key: ValueKey; label: string }[];
  columns: { header: string; width: number }[];
}

const columns = [
  { header: 'TÊN CƠ QUAN', width: 2.7 },
  { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 5.3 },
  { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/Đúng hạn/Quá hạn)', width: 2.2 },
  { header: 'GHI CHÚ', width: 2.2 },
];

export const controlSheet2018: ControlSheetSpec = {
  id: 'oss2018.processControlSheet',
  regime: '2018',
  formNumber: 'Mẫu số 05',
  name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  version: '1',
  effectiveFrom: '2019-01-06',
  legalBasis: 'Thông tư số 01/2018/TT-VPCP',
  numberSuffix: 'KSHS',
  subtitle: [
    { text: 'Mã hồ sơ: {dossierCode}', bold: true },
    { text: '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: {receiptNumber})', italic: true },
  ],
  fields: [
    { key: 'competentBody', label: 'Cơ quan (bộ phận) giải quyết hồ sơ' },
    { key: 'coordinatingBodies', label: 'Cơ quan phối hợp giải quyết hồ sơ' },
    { key: 'applicantName', label: 'Người nộp hồ sơ' },
    { key: 'applicantPhone', label: 'Số điện thoại' },
    { key: 'procedureName', label: 'Thủ tục hành chính' },
    { key: 'receivedAt', label: 'Thời gian nhận hồ sơ' },
  ],
  columns,
};

export const controlSheet2025: ControlSheetSpec = {
  id: 'oss2025.processControlSheet',
  regime: '2025',
  formNumber: 'Mẫu số 06',
  name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  version: '1',
  effectiveFrom: '2025-07-01',
  legalBasis: 'Thông tư số 03/2025/TT-VPCP',
  numberSuffix: 'KSHS-{office}',
  subtitle: [{ text: 'Mã hồ sơ: {dossierCode}', bold: true }],
  fields: [
    { key: 'competentBody', label: 'Cơ quan, đơn vị chủ trì giải quyết' },
    { key: 'coordinatingBodies', label: 'Cơ quan, đơn vị phối hợp giải quyết' },
    { key: 'applicantName', label: 'Tên cá nhân, tổ chức' },
    { key: 'applicantPhone', label: 'Số điện thoại' },
    { key: 'procedureName', label: 'Thủ tục hành chính' },
    { key: 'receivedAt', label: 'Thời gian tiếp nhận hồ sơ' },
    { key: 'dueAt', label: 'Thời gian hẹn trả kết quả' },
  ],
  columns,
};

export interface HandOffRow {
  fromBody: string;
  toBody: string;
  handedOverAt: number | null;
  takenOverAt: number | null;
  giverName: string | null;
  receiverName: string | null;
  /** The result of the stage handed over, rated by the receiving side. */
  timeliness: ControlStep['timeliness'];
  note: string | null;
}

/** The hand-offs: reception → first step, step → step, and the last step back to the desk when resolved. */
export function handOffsOf(d: FormData): HandOffRow[] {
  const office = receivingOfficeOf(d.unit);
  const rows: HandOffRow[] = [];
  d.steps.forEach((step, k) => {
    const prev = k > 0 ? d.steps[k - 1]! : null;
    const notes: string[] = [];
    if (step.stepName) notes.push(`Bước: ${step.stepName}`);
    if (prev?.endReason === 'SENT_BACK') notes.push('Trả lại để xử lý lại');
    if (prev?.endReason === 'REASSIGNED') notes.push('Giao lại người xử lý');
    if (prev?.endReason === 'SUPPLEMENT_RESTART') notes.push('Xử lý lại sau bổ sung hồ sơ');
    rows.push({
      fromBody: prev ? prev.bodyName : office,
      toBody: step.bodyName,
      handedOverAt: step.assignedAt,
      takenOverAt: step.takenAt,
      giverName: prev ? prev.assigneeName : (d.receivedBy?.name ?? null),
      receiverName: step.assigneeName,
      timeliness: prev
        ? prev.timeliness
        : d.dossier.transferredAt !== null
          ? d.dossier.transferLate
            ? 'OVERDUE'
            : 'ON_TIME'
          : null,
      note: notes.join('; ') || null,
    });
  });
  const last = d.steps.at(-1);
  if (last && last.endReason === 'RESOLVED' && last.endedAt !== null)
    rows.push({
      fromBody: last.bodyName,
      toBody: office,
      handedOverAt: last.endedAt,
      takenOverAt: d.dossier.resolvedAt ?? last.endedAt,
      giverName: last.assigneeName,
      receiverName: null,
      timeliness: last.timeliness,
      note: 'Chuyển kết quả để trả cho người nộp',
    });
  return rows;
}

const at = (ms: number | null) => timeDateVN(ms) ?? '… giờ … phút, ngày …/…/……';

function rowCells(r: HandOffRow): Cell[] {
  return [
    `1. Giao: ${r.fromBody}\n2. Nhận: ${r.toBody}`,
    `1. Giao: ${at(r.handedOverAt)}\n2. Nhận: ${at(r.takenOverAt)}\nNgười giao: ${r.giverName ?? BLANK}\nNgười nhận: ${r.receiverName ?? BLANK}`,
    r.timeliness ? timelinessLabel[r.timeliness] : '',
    r.note ?? '',
  ];
}

export function buildControlSheet(spec: ControlSheetSpec, d: FormData, printedAt = Date.now()): FormDocument {
  const v = formValues(d, spec.regime, printedAt);
  const subtitle: Run[][] = spec.subtitle.map((s) => [
    { text: interpolate(s.text, v.text), bold: s.bold, italic: s.italic },
  ]);
  return nfcDeep({
    formId: 'PROCESS_CONTROL_SHEET',
    templateId: spec.id,
    templateVersion: spec.version,
    formSet: spec.regime,
    formNumber: spec.formNumber,
    name: spec.name,
    orientation: 'portrait',
    header: frame(d.unit, numberLine(spec.numberSuffix, d.unit, null), d.dossier.receivedAt),
    title: ['PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'],
    subtitle,
    blocks: [
      ...spec.fields.map((f) => ({
        kind: 'fields' as const,
        items: [{ label: f.label, value: v.text[f.key] ?? BLANK }],
      })),
      {
        kind: 'table',
        columns: spec.columns.map((c, i) => ({ width: c.width, align: i === 2 ? 'center' : 'left' })),
        header: [spec.columns.map((c) => ({ text: c.header }))],
        rows: handOffsOf(d).map(rowCells),
        emptyRows: 4,
        fontSize: 10.5,
      },
    ],
    footer: footerOf(spec.formNumber, spec.legalBasis, d.dossier.code),
    filename: filenameOf('phieu-kiem-soat', d.dossier.code, d.dossier.id),
    subject: `${spec.name} — ${d.dossier.code ?? d.dossier.id}`,
  });
}

export function controlSheetTemplate(spec: ControlSheetSpec): FormTemplate<FormData> & { spec: ControlSheetSpec } {
  return {
    id: spec.id,
    form: 'PROCESS_CONTROL_SHEET',
    regime: spec.regime,
    formNumber: spec.formNumber,
    name: spec.name,
    version: spec.version,
    effectiveFrom: spec.effectiveFrom,
    legalBasis: spec.legalBasis,
    orientation: 'portrait',
    spec,
    build: (d) => buildControlSheet(spec, d),
  };
}
