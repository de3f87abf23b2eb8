/**
 * Sổ theo dõi hồ sơ (spec §14.3): 2018 Mẫu 06, 2025 Mẫu 07. The columns are data (the 2018 list is marked
 * (verify), the 2025 one (likely)); the same FormDocument is printed as PDF or HTML and written as XLSX.
 */
import { nationalStatusNames } from '@motcua/domain/dossier/index';
import type { Cell, FormDocument, FormSet, FormTemplate, HeaderCell, TableColumn } from './model';
import { nfcDeep } from './model';
import type { TrackingBookData, TrackingRow } from './formData';
import { dateVN, deliveryMethodLabel, localDateOfMs, localDateText } from './format';
import { MOTTO, issuerLines } from './spec';

export type TrackingValue =
  | 'rowNo'
  | 'code'
  | 'procedureName'
  | 'setCount'
  | 'applicantName'
  | 'addressPhone'
  | 'competentBody'
  | 'receivedAt'
  | 'dueAt'
  | 'transferredAt'
  | 'resolvedAt'
  | 'deliveredAt'
  | 'deliveryMethod'
  | 'signature'
  | 'note';

export interface TrackingColumn {
  value: TrackingValue;
  header: string;
  /** A group header spanning this and the following columns of the same group. */
  group?: string;
  width: number;
}

export interface TrackingBookSpec {
  id: string;
  regime: FormSet;
  formNumber: string;
  name: string;
  version: string;
  effectiveFrom: string;
  legalBasis: string;
  /** Point size of the printed table (the 2018 book has 14 columns on a landscape page). */
  fontSize: number;
  columns: TrackingColumn[];
}

export const trackingBook2018: TrackingBookSpec = {
  id: 'oss2018.trackingBook',
  regime: '2018',
  formNumber: 'Mẫu số 06',
  name: 'Sổ theo dõi hồ sơ',
  version: '1',
  effectiveFrom: '2019-01-06',
  legalBasis: 'Thông tư số 01/2018/TT-VPCP',
  fontSize: 8,
  columns: [
    { value: 'rowNo', header: 'STT', width: 5 },
    { value: 'code', header: 'Mã hồ sơ', width: 24 },
    { value: 'procedureName', header: 'Tên TTHC', width: 30 },
    { value: 'setCount', header: 'Số lượng hồ sơ (bộ)', width: 9 },
    { value: 'applicantName', header: 'Tên cá nhân, tổ chức', width: 20 },
    { value: 'addressPhone', header: 'Địa chỉ, số điện thoại', width: 24 },
    { value: 'competentBody', header: 'Cơ quan chủ trì giải quyết', width: 20 },
    { value: 'receivedAt', header: 'Nhận hồ sơ (ngày/tháng/năm)', width: 12 },
    { value: 'dueAt', header: 'Hẹn trả kết quả', width: 12 },
    { value: 'transferredAt', header: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 12 },
    { value: 'resolvedAt', header: 'Nhận kết quả từ cơ quan giải quyết', width: 12 },
    { value: 'deliveredAt', header: 'Trả kết quả cho cá nhân, tổ chức', width: 12 },
    { value: 'signature', header: 'Ký nhận', width: 10 },
    { value: 'note', header: 'Ghi chú', width: 16 },
  ],
};

export const trackingBook2025: TrackingBookSpec = {
  id: 'oss2025.trackingBook',
  regime: '2025',
  formNumber: 'Mẫu số 07',
  name: 'Sổ theo dõi hồ sơ',
  version: '1',
  effectiveFrom: '2025-07-01',
  legalBasis: 'Thông tư số 03/2025/TT-VPCP',
  fontSize: 9,
  columns: [
    { value: 'rowNo', header: 'STT', width: 5 },
    { value: 'code', header: 'Mã hồ sơ', width: 24 },
    { value: 'procedureName', header: 'Tên thủ tục hành chính', width: 30 },
    { value: 'applicantName', header: 'Tên cá nhân, tổ chức', width: 20 },
    { value: 'addressPhone', header: 'Địa chỉ, số điện thoại', width: 24 },
    { value: 'competentBody', header: 'Cơ quan chủ trì giải quyết', width: 20 },
    { value: 'receivedAt', header: 'Ngày nhận hồ sơ', group: 'Tiếp nhận và trả kết quả', width: 12 },
    { value: 'dueAt', header: 'Ngày hẹn trả kết quả', group: 'Tiếp nhận và trả kết quả', width: 12 },
    { value: 'deliveredAt', header: 'Ngày trả kết quả', group: 'Tiếp nhận và trả kết quả', width: 12 },
    { value: 'deliveryMethod', header: 'Hình thức nhận kết quả', group: 'Tiếp nhận và trả kết quả', width: 13 },
    { value: 'signature', header: 'Ký nhận', group: 'Tiếp nhận và trả kết quả', width: 10 },
    { value: 'note', header: 'Ghi chú', width: 16 },
  ],
};

const dateColumns = new Set<TrackingValue>(['receivedAt', 'dueAt', 'transferredAt', 'resolvedAt', 'deliveredAt']);

/** Header grid: a grouped column has the group above it; an ungrouped one spans both rows. */
export function headerGrid(columns: readonly TrackingColumn[]): HeaderCell[][] {
  if (!columns.some((c) => c.group)) return [columns.map((c) => ({ text: c.header }))];
  const top: HeaderCell[] = [];
  const bottom: HeaderCell[] = [];
  for (let i = 0; i < columns.length;) {
    const c = columns[i]!;
    if (!c.group) {
      top.push({ text: c.header, rowSpan: 2 });
      i++;
      continue;
    }
    let n = 1;
    while (i + n < columns.length && columns[i + n]!.group === c.group) n++;
    top.push({ text: c.group, colSpan: n });
    for (let k = 0; k < n; k++) bottom.push({ text: columns[i + k]!.header });
    i += n;
  }
  return [top, bottom];
}

/** A date cell; a due instant (`asDue`) shows the last day of its period. */
function dateCell(ms: number | null, asDue = false): Cell {
  return { text: dateVN(ms, asDue) ?? '', date: localDateOfMs(ms, asDue) };
}

function note(r: TrackingRow): string {
  const parts = [nationalStatusNames[r.statusCode as keyof typeof nationalStatusNames] ?? ''];
  if (r.rescheduledDueAt !== null) parts.push(`Hẹn lại: ${dateVN(r.rescheduledDueAt, true)}`);
  return parts.filter(Boolean).join('; ');
}

function cellOf(value: TrackingValue, r: TrackingRow, i: number): Cell {
  switch (value) {
    case 'rowNo':
      return { text: String(i + 1), number: i + 1 };
    case 'code':
      return r.code;
    case 'procedureName':
      return r.procedureName;
    case 'setCount':
      return { text: String(r.setCount), number: r.setCount };
    case 'applicantName':
      return r.applicantName;
    case 'addressPhone':
      return [r.applicantAddress, r.applicantPhone].filter(Boolean).join('\n');
    case 'competentBody':
      return r.competentBody;
    case 'receivedAt':
      return dateCell(r.receivedAt);
    case 'dueAt':
      // The appointment of the receipt slip; a new date after an apology goes in the notes.
      return dateCell(r.originalDueAt ?? r.dueAt, true);
    case 'transferredAt':
      return dateCell(r.transferredAt);
    case 'resolvedAt':
      return dateCell(r.resolvedAt);
    case 'deliveredAt':
      return dateCell(r.deliveredAt);
    case 'deliveryMethod':
      return r.deliveryMethod ? deliveryMethodLabel[r.deliveryMethod] : '';
    case 'signature':
      return '';
    case 'note':
      return note(r);
  }
}

export function buildTrackingBook(spec: TrackingBookSpec, d: TrackingBookData): FormDocument {
  const columns: TableColumn[] = spec.columns.map((c) => ({
    width: c.width,
    align: c.value === 'rowNo' || c.value === 'setCount' || dateColumns.has(c.value) ? 'center' : 'left',
    type: dateColumns.has(c.value) ? 'date' : c.value === 'rowNo' || c.value === 'setCount' ? 'number' : 'text',
  }));
  const period = `Từ ngày ${localDateText(d.from)} đến ngày ${localDateText(d.to)}`;
  return nfcDeep({
    formId: 'TRACKING_BOOK',
    templateId: spec.id,
    templateVersion: spec.version,
    formSet: spec.regime,
    formNumber: spec.formNumber,
    name: spec.name,
    orientation: 'landscape',
    header: { left: issuerLines(d.unit), right: MOTTO, number: null, placeDate: null },
    title: ['SỔ THEO DÕI HỒ SƠ'],
    subtitle: [[{ text: period, italic: true }], [{ text: `Số hồ sơ: ${d.rows.length}` }]],
    blocks: [
      {
        kind: 'table',
        columns,
        header: headerGrid(spec.columns),
        columnNumbers: true,
        rows: d.rows.map((r, i) => spec.columns.map((c) => cellOf(c.value, r, i))),
        emptyRows: 3,
        fontSize: spec.fontSize,
      },
    ],
    footer: `${spec.formNumber} (${spec.legalBasis}) · ${d.unit.name} · ${period}`,
    filename: `so-theo-doi-ho-so-${d.unit.code}-${d.from}-${d.to}`,
    subject: `${spec.name} — ${d.unit.name} — ${period}`,
  });
}

export function trackingBookTemplate(
  spec: TrackingBookSpec,
): FormTemplate<TrackingBookData> & { spec: TrackingBookSpec } {
  return {
    id: spec.id,
    form: 'TRACKING_BOOK',
    regime: spec.regime,
    formNumber: spec.formNumber,
    name: spec.name,
    version: spec.version,
    effectiveFrom: spec.effectiveFrom,
    legalBasis: spec.legalBasis,
    orientation: 'landscape',
    spec,
    build: (d) => buildTrackingBook(spec, d),
  };
}
