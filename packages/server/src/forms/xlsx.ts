/**
 * A tabular FormDocument (the tracking book) → XLSX with exceljs: the issuer and motto, the title and
 * period, the official header rows with merged cells and the (1) (2) … row, date cells as dates in
 * dd/mm/yyyy, A4 landscape print setup with repeated header rows.
 */
import type ExcelJS from 'exceljs';
import type { Block, FormDocument } from './model';
import { cellText, nfcDeep, placeHeader } from './model';

export const TRACKING_SHEET_NAME = 'Sổ theo dõi hồ sơ';
const FONT = 'Times New Roman';
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** A local date 'YYYY-MM-DD' as the spreadsheet date of that day (a serial without time or zone). */
function excelDate(date: string): Date {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
}

export async function renderXlsx(input: FormDocument, sheetName = TRACKING_SHEET_NAME): Promise<Buffer> {
  const doc = nfcDeep(input);
  const t = doc.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
  if (!t) throw new Error('renderXlsx needs a document with a table');
  const { default: Excel } = await import('exceljs'); // large: loaded on first use
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  wb.creator = 'motcua';
  wb.created = new Date();
  wb.title = doc.name;
  wb.subject = doc.subject;
  wb.keywords = `${doc.templateId} v${doc.templateVersion}`;
  const n = t.columns.length;
  const ws = wb.addWorksheet(sheetName.slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.79, right: 0.79, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L&8${doc.footer ?? ''}&R&8Trang &P/&N` },
  });
  ws.columns = t.columns.map((c) => ({ width: Math.max(5, c.width) }));
  const font = (o: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: 11, ...o });

  let r = 1;
  if (doc.header) {
    const mid = Math.max(1, Math.floor(n * 0.45));
    ws.mergeCells(r, 1, r, mid);
    ws.mergeCells(r, mid + 1, r, n);
    const left = ws.getCell(r, 1);
    left.value = {
      richText: doc.header.left.map((l, i) => ({
        text: `${i ? '\n' : ''}${l.text}`,
        font: font({ bold: !!l.bold, size: 12 }),
      })),
    };
    const right = ws.getCell(r, mid + 1);
    right.value = {
      richText: doc.header.right.map((l, i) => ({
        text: `${i ? '\n' : ''}${l.text}`,
        font: font({ bold: !!l.bold, size: i === 1 ? 13 : 12 }),
      })),
    };
    for (const c of [left, right]) c.alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    ws.getRow(r).height = 16 * Math.max(doc.header.left.length, doc.header.right.length);
    r += 2;
  }
  const merged = (text: string, f: Partial<ExcelJS.Font>) => {
    ws.mergeCells(r, 1, r, n);
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = font(f);
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    r++;
  };
  for (const line of doc.title) merged(line, { bold: true, size: 14 });
  for (const line of doc.subtitle)
    merged(line.map((x) => x.text).join(''), { italic: line.some((x) => x.italic), size: 12 });
  r++;

  // The header rows: the same grid the PDF and HTML draw, merged where a cell spans.
  const headerTop = r;
  for (const p of placeHeader(t.header, n)) {
    const top = headerTop + p.row;
    const left = 1 + p.col;
    if (p.rowSpan > 1 || p.colSpan > 1) ws.mergeCells(top, left, top + p.rowSpan - 1, left + p.colSpan - 1);
    const c = ws.getCell(top, left);
    c.value = p.cell.text;
  }
  r += t.header.length;
  if (t.columnNumbers) {
    t.columns.forEach((_, i) => {
      ws.getCell(r, i + 1).value = `(${i + 1})`;
    });
    r++;
  }
  for (let row = headerTop; row < r; row++) {
    const isNumbers = t.columnNumbers && row === r - 1;
    for (let col = 1; col <= n; col++) {
      const c = ws.getCell(row, col);
      c.font = font(isNumbers ? { italic: true } : { bold: true });
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = border;
    }
    if (!isNumbers) ws.getRow(row).height = t.header.length > 1 ? 32 : 45;
  }
  const headerBottom = r - 1;

  for (const cells of t.rows) {
    cells.forEach((cell, i) => {
      const c = ws.getCell(r, i + 1);
      const col = t.columns[i]!;
      if (typeof cell !== 'string' && col.type === 'date') {
        c.value = cell.date ? excelDate(cell.date) : null;
        c.numFmt = 'dd/mm/yyyy';
      } else if (typeof cell !== 'string' && col.type === 'number' && typeof cell.number === 'number') {
        c.value = cell.number;
      } else c.value = cellText(cell) || null;
      c.font = font({ bold: typeof cell !== 'string' && !!cell.bold });
      c.alignment = {
        horizontal: col.align === 'center' ? 'center' : col.align === 'right' ? 'right' : 'left',
        vertical: 'top',
        wrapText: true,
      };
      c.border = border;
    });
    r++;
  }
  ws.views = [{ state: 'frozen', ySplit: headerBottom, xSplit: 0 }];
  ws.pageSetup.printTitlesRow = `${headerTop}:${headerBottom}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
