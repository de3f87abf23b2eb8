/**
 * Shared layout of the statutory statistics forms of Circular 01/2020/TT-VPCP (Biểu 06/VPCP/KSTT, Biểu
 * II.07b/VPCP/KSTT; one-stop-dossiers §18). A form is described once as a `StatForm` — header block, title,
 * tables with merged multi-level headers, the (1) (2) … row, a "Tổng cộng" row, notes and signatures — and
 * turned into the forms module's renderer-neutral FormDocument, so the PDF (Tinos, landscape A4) and the XLSX
 * come from the same renderers as the tracking book (packages/server/src/forms/pdf.ts, xlsx.ts).
 */
import type ExcelJS from 'exceljs';
import type { Block, Cell, FormDocument, HeaderCell, TableColumn } from '../forms/model';
import { nfcDeep } from '../forms/model';
import { renderPdf } from '../forms/pdf';
import { renderXlsx } from '../forms/xlsx';
import { asciiSlug, dateVN, upper } from '../forms/format';

export const CIRCULAR_01_2020 = 'Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ';

/** Levels of both forms: the unit levels of Biểu 06 rows and the implementing levels of the catalogue. */
const levelLabels: Record<string, string> = {
  PROVINCE: 'Cấp tỉnh',
  DEPARTMENT: 'Cấp sở, ban, ngành',
  COMMUNE: 'Cấp xã',
  MINISTRY: 'Cấp bộ, ngành',
  OTHER: 'Cơ quan khác',
  UNKNOWN: 'Chưa ghi nhận cấp thực hiện',
};
export const levelLabel = (key: string): string => levelLabels[key] ?? key;

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
/** 1.234 (Vietnamese grouping) for print; the spreadsheet keeps the number. */
export const numberText = (n: number): string => integer.format(n);

/** What a cell prints when the fact is not recorded (never a 0 that would read as a count). */
export const NOT_RECORDED = '—';

export interface StatRow {
  label: string;
  /** One per value column; null = not recorded (printed "—", an empty cell in the spreadsheet). */
  values: (number | null)[];
  /** The "Tổng cộng" row: bold, no row number. */
  total?: boolean;
}

export interface StatTable {
  /** Worksheet name (≤ 31 characters). */
  sheetName: string;
  /** Section heading printed above the table in the PDF and in the sheet's subtitle. */
  heading: string;
  /** Header of column (2), e.g. "Lĩnh vực giải quyết". */
  labelHeader: string;
  /** Header grid of the value columns (3)…: STT and the label column are added, spanning every header row. */
  valueHeader: HeaderCell[][];
  /** Relative widths of the value columns (spreadsheet characters). */
  valueWidths: number[];
  rows: StatRow[];
  /** Notes about this table's rows (differences, facts not recorded). */
  notes: string[];
}

export interface StatForm {
  templateId: string;
  templateVersion: string;
  /** "Biểu số 06/VPCP/KSTT" */
  formCode: string;
  /** Title lines, upper case. */
  title: string[];
  unitName: string;
  /** "Kỳ báo cáo: …" or "Số liệu tính đến ngày …". */
  periodLine: string;
  /** "Đơn vị tính: …" */
  measure: string;
  generatedAt: Date;
  signerTitle: string;
  tables: StatTable[];
  /** Notes about the whole report (definitions, what is unconfirmed). */
  notes: string[];
  /** File name without extension, Vietnamese allowed (an ASCII fallback is derived). */
  filename: string;
  subject: string;
}

const LABEL_WIDTH = 32;
const FONT_SIZE = 9;

function columnsOf(t: StatTable): TableColumn[] {
  return [
    { width: 5, align: 'center', type: 'number' },
    { width: LABEL_WIDTH, align: 'left', type: 'text' },
    ...t.valueWidths.map((width): TableColumn => ({ width, align: 'center', type: 'number' })),
  ];
}

function headerOf(t: StatTable): HeaderCell[][] {
  const depth = t.valueHeader.length;
  const [first = [], ...rest] = t.valueHeader;
  return [[{ text: 'STT', rowSpan: depth }, { text: t.labelHeader, rowSpan: depth }, ...first], ...rest];
}

function cellsOf(rows: StatRow[]): Cell[][] {
  let no = 0;
  return rows.map((r) => {
    const bold = !!r.total;
    const index: Cell = r.total ? '' : { text: String(++no), number: no };
    const values = r.values.map((v): Cell =>
      v === null ? { text: NOT_RECORDED, number: null, bold } : { text: numberText(v), number: v, bold },
    );
    return [index, { text: r.label, bold }, ...values];
  });
}

const noteLines = (notes: string[]) => (notes.length ? ['Ghi chú:', ...notes.map((n) => `- ${n}`)] : []);

/** The form (or the given tables of it) as a FormDocument of the forms module. */
function documentOf(f: StatForm, tables: StatTable[]): FormDocument {
  const blocks: Block[] = [];
  for (const t of tables) {
    blocks.push({ kind: 'paragraph', runs: [{ text: t.heading, bold: true }] });
    blocks.push({
      kind: 'table',
      columns: columnsOf(t),
      header: headerOf(t),
      columnNumbers: true,
      rows: cellsOf(t.rows),
      fontSize: FONT_SIZE,
    });
    for (const line of noteLines(t.notes)) blocks.push({ kind: 'paragraph', runs: [{ text: line, italic: true }] });
  }
  for (const line of noteLines(f.notes)) blocks.push({ kind: 'paragraph', runs: [{ text: line, italic: true }] });
  blocks.push({ kind: 'paragraph', runs: [{ text: dateLine(f), italic: true }], align: 'right' });
  blocks.push({ kind: 'signatures', boxes: signatureBoxes(f) });
  const single = tables.length === 1 ? tables[0]! : null;
  return nfcDeep({
    // The tabular register of the forms module (12-pt base of the PDF renderer); the form is named by templateId.
    formId: 'TRACKING_BOOK',
    templateId: f.templateId,
    templateVersion: f.templateVersion,
    // Circular 01/2020 implements the one-stop regime of Decree 61/2018 (the 2018 form set).
    formSet: '2018',
    formNumber: f.formCode,
    name: f.title.join(' '),
    orientation: 'landscape',
    header: {
      left: [
        { text: f.formCode, bold: true },
        { text: 'Ban hành kèm theo Thông tư số 01/2020/TT-VPCP', italic: true },
        { text: 'ngày 21/10/2020 của Văn phòng Chính phủ', italic: true },
      ],
      right: [
        { text: 'Đơn vị báo cáo:' },
        { text: upper(f.unitName), bold: true },
        { text: 'Đơn vị nhận báo cáo: ……' },
      ],
      number: null,
      placeDate: null,
    },
    title: f.title,
    subtitle: [
      [{ text: f.periodLine, italic: true }],
      ...(single ? [[{ text: single.heading, bold: true }]] : []),
      [{ text: f.measure, italic: true }],
    ],
    blocks: single ? blocks.slice(1) : blocks,
    footer: `${f.formCode} (${CIRCULAR_01_2020}) · ${f.unitName} · ${f.periodLine}`,
    filename: fileSlug(f.filename),
    subject: `${f.formCode} — ${f.unitName} — ${f.periodLine}`,
  });
}

const dateLine = (f: StatForm) => `Ngày lập biểu: ${dateVN(f.generatedAt.getTime())}`;

function signatureBoxes(f: StatForm) {
  return [
    { title: 'NGƯỜI LẬP BIỂU', hint: '(Ký, ghi rõ họ tên)', name: null },
    { title: upper(f.signerTitle), hint: '(Ký, ghi rõ họ tên, đóng dấu)', name: null },
  ];
}

/** Landscape A4 PDF in Tinos: every table of the form one after the other, then the notes and signatures. */
export function statPdf(f: StatForm): Promise<Buffer> {
  return renderPdf(documentOf(f, f.tables));
}

const TNR = 'Times New Roman';

/** Notes, the date and the signature boxes under a sheet's table. */
function appendTail(ws: ExcelJS.Worksheet, f: StatForm, notes: string[], columns: number) {
  let r = ws.rowCount + 2;
  const line = (text: string, o: { italic?: boolean; bold?: boolean; from?: number; to?: number } = {}) => {
    const from = o.from ?? 1;
    ws.mergeCells(r, from, r, o.to ?? columns);
    const c = ws.getCell(r, from);
    c.value = text;
    c.font = { name: TNR, size: 11, italic: !!o.italic, bold: !!o.bold };
    c.alignment = { horizontal: o.from ? 'center' : 'left', vertical: 'top', wrapText: true };
    return c;
  };
  for (const text of noteLines(notes)) {
    line(text, { italic: true });
    ws.getRow(r).height = 15 * Math.max(1, Math.ceil(text.length / 150));
    r++;
  }
  r++;
  const mid = Math.max(2, Math.floor(columns / 2));
  line(dateLine(f), { italic: true, from: mid + 1 });
  const top = r + 1;
  signatureBoxes(f).forEach((b, i) => {
    const [from, to] = i === 0 ? [1, mid] : [mid + 1, columns];
    r = top;
    line(b.title, { bold: true, from, to });
    r = top + 1;
    line(b.hint, { italic: true, from, to });
  });
}

/**
 * XLSX: one sheet per table, each written by the forms module's XLSX renderer (issuer block, title, merged
 * header grid, (1) (2) … row, numbers as numbers, landscape A4 print setup) and gathered into one workbook;
 * the notes, the date and the signature boxes follow each table.
 */
export async function statWorkbook(f: StatForm): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // large: loaded on first use
  let book: ExcelJS.Workbook | null = null;
  for (const [i, t] of f.tables.entries()) {
    const part: ExcelJS.Workbook = new Excel.Workbook();
    await part.xlsx.load((await renderXlsx(documentOf(f, [t]), t.sheetName)) as unknown as ArrayBuffer);
    const src = part.worksheets[0]!;
    let ws = src;
    if (!book) book = part;
    else {
      ws = book.addWorksheet(src.name);
      ws.model = { ...src.model, id: ws.id, name: ws.name };
      // the model setter leaves the merges out
      for (const range of src.model.merges) ws.mergeCells(range);
    }
    appendTail(ws, f, i === 0 ? [...t.notes, ...f.notes] : t.notes, 2 + t.valueWidths.length);
  }
  if (!book) throw new Error('statWorkbook needs at least one table');
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** ASCII file-name part: "Biểu 06 Xã Mê Linh" → "bieu-06-xa-me-linh". */
export const fileSlug = (name: string): string => asciiSlug(name).toLowerCase();

/**
 * Content-Disposition of a download: an ASCII `filename` for old clients and the Vietnamese name in
 * `filename*` (RFC 6266 / RFC 8187, UTF-8, percent-encoded).
 */
export function downloadDisposition(name: string, ext: string, disposition: 'attachment' | 'inline'): string {
  const encoded = encodeURIComponent(`${name.normalize('NFC')}.${ext}`).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fileSlug(name)}.${ext}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
