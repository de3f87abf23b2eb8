/**
 * FormDocument → PDF with pdfkit: A4, 2 cm margins, Tinos (Times-like) as official documents are set
 * (Decree 30/2020: Times New Roman 13–14 pt, issuer and motto side by side, the title centred in bold).
 */
import PDFDocument from 'pdfkit';
import type { Align, Block, Cell, FormDocument, HeaderLine, QrCode, Run } from './model';
import { cellText, nfcDeep, placeHeader } from './model';
import { fontPath, tinosFonts } from './fonts';

type Pdf = PDFKit.PDFDocument;

const CM = 72 / 2.54;
const MARGIN = 2 * CM;
const BASE = 13;
const LINE_GAP = 1.5;
const PARA_GAP = 2;
const CELL_PAD = 3;

const fontName = (bold?: boolean, italic?: boolean) => (bold ? (italic ? 'BI' : 'B') : italic ? 'I' : 'R');

interface Ctx {
  pdf: Pdf;
  x0: number;
  width: number;
  base: number;
}

const bottomOf = (pdf: Pdf) => pdf.page.height - pdf.page.margins.bottom;

function ensureSpace(c: Ctx, needed: number) {
  if (c.pdf.y + needed > bottomOf(c.pdf)) c.pdf.addPage();
}

function runs(c: Ctx, list: Run[], opts: { x: number; width: number; align?: Align; size?: number }) {
  const { pdf } = c;
  const parts = list.filter((r) => r.text.length > 0);
  if (parts.length === 0) return;
  pdf.fontSize(opts.size ?? c.base);
  parts.forEach((r, i) => {
    pdf.font(fontName(r.bold, r.italic));
    const last = i === parts.length - 1;
    if (i === 0)
      pdf.text(r.text, opts.x, pdf.y, {
        width: opts.width,
        align: opts.align ?? 'left',
        lineGap: LINE_GAP,
        continued: !last,
      });
    else pdf.text(r.text, { continued: !last });
  });
}

function headerColumn(c: Ctx, lines: HeaderLine[], x: number, width: number, y: number, side: 'left' | 'right') {
  const { pdf } = c;
  pdf.y = y;
  for (const [i, line] of lines.entries()) {
    // 12–13 pt as in Decree 30/2020; a long unit name is set smaller rather than broken over two lines
    let size = side === 'right' && i === 1 ? 13 : 12;
    pdf.font(fontName(line.bold, line.italic)).fontSize(size);
    while (size > 9.5 && pdf.widthOfString(line.text) > width - 4) pdf.fontSize((size -= 0.5));
    const textWidth = Math.min(pdf.widthOfString(line.text), width);
    pdf.text(line.text, x, pdf.y, { width, align: 'center', lineGap: 1 });
    if (line.underline) {
      const rule = side === 'left' ? Math.max(40, textWidth * 0.45) : textWidth;
      const ry = pdf.y + 1;
      pdf
        .moveTo(x + (width - rule) / 2, ry)
        .lineTo(x + (width + rule) / 2, ry)
        .lineWidth(0.7)
        .stroke();
      pdf.y = ry + 3;
    }
  }
  return pdf.y;
}

function header(c: Ctx, doc: FormDocument) {
  const { pdf } = c;
  const h = doc.header;
  if (!h) return;
  const leftW = c.width * 0.44;
  const rightW = c.width - leftW;
  const top = pdf.y;
  const yl = headerColumn(c, h.left, c.x0, leftW, top, 'left');
  const yr = headerColumn(c, h.right, c.x0 + leftW, rightW, top, 'right');
  let y = Math.max(yl, yr) + 4;
  let below = y;
  if (h.number) {
    pdf.font('R').fontSize(12).text(h.number, c.x0, y, { width: leftW, align: 'center' });
    below = Math.max(below, pdf.y);
  }
  if (h.placeDate) {
    pdf
      .font('I')
      .fontSize(13)
      .text(h.placeDate, c.x0 + leftW, y, { width: rightW, align: 'center' });
    below = Math.max(below, pdf.y);
  }
  y = below;
  pdf.y = y + 10;
}

function title(c: Ctx, doc: FormDocument) {
  const { pdf } = c;
  pdf.font('B').fontSize(c.base + 1);
  for (const line of doc.title) pdf.text(line, c.x0, pdf.y, { width: c.width, align: 'center', lineGap: 1 });
  for (const line of doc.subtitle) runs(c, line, { x: c.x0, width: c.width, align: 'center' });
  pdf.y += 8;
}

function paragraph(c: Ctx, b: Extract<Block, { kind: 'paragraph' }>) {
  const indent = b.indent ? 0.6 * CM : 0;
  runs(c, b.runs, { x: c.x0 + indent, width: c.width - indent, align: b.align });
  c.pdf.y += PARA_GAP;
}

function fields(c: Ctx, b: Extract<Block, { kind: 'fields' }>) {
  const list: Run[] = [];
  b.items.forEach((f, i) => {
    if (i > 0) list.push({ text: '        ' });
    list.push({ text: `${f.label}: ` }, { text: f.value });
  });
  runs(c, list, { x: c.x0, width: c.width, align: 'left' });
  c.pdf.y += PARA_GAP;
}

function list(c: Ctx, b: Extract<Block, { kind: 'list' }>) {
  const { pdf } = c;
  const indent = b.indent ? 0.6 * CM : 0;
  const numberWidth = 0.7 * CM;
  pdf.font('R').fontSize(c.base);
  b.items.forEach((item, i) => {
    const x = c.x0 + indent;
    const textWidth = c.width - indent - numberWidth;
    ensureSpace(c, pdf.heightOfString(item, { width: textWidth, lineGap: LINE_GAP }));
    const y = pdf.y;
    pdf.text(`${i + 1}.`, x, y, { width: numberWidth, lineBreak: false });
    pdf.text(item, x + numberWidth, y, { width: textWidth, align: 'justify', lineGap: LINE_GAP });
    pdf.y += 1;
  });
  pdf.y += PARA_GAP;
}

/**
 * Column widths: the template's proportions, but never narrower than the longest word of the column (a
 * dossier code or a date is not broken inside); the slack of the wider columns pays for it.
 */
function fitColumns(c: Ctx, b: Extract<Block, { kind: 'table' }>, size: number): number[] {
  const { pdf } = c;
  const total = b.columns.reduce((s, col) => s + col.width, 0);
  const widths = b.columns.map((col) => (col.width / total) * c.width);
  const longest = (text: string, bold: boolean) => {
    pdf.font(bold ? 'B' : 'R').fontSize(size);
    return Math.max(0, ...text.split(/\s+/).map((w) => pdf.widthOfString(w)));
  };
  const min = b.columns.map(() => 0);
  for (const p of placeHeader(b.header, b.columns.length))
    if (p.colSpan === 1) min[p.col] = Math.max(min[p.col]!, longest(p.cell.text, true));
  for (const row of b.rows)
    row.forEach((cell, i) => {
      min[i] = Math.max(min[i]!, longest(cellText(cell), typeof cell !== 'string' && !!cell.bold));
    });
  // a little more than the word: pdfkit's line breaker measures the word with its trailing space
  const need = min.map((m) => m * 1.03 + 2 * CELL_PAD + 4);
  if (need.reduce((s, w) => s + w, 0) > c.width) return widths;
  const out = widths.map((w, i) => Math.max(w, need[i]!));
  let excess = out.reduce((s, w) => s + w, 0) - c.width;
  // columns that can give are narrowed in proportion to their designed width
  for (let round = 0; excess > 0.01 && round < 20; round++) {
    const giving = out.map((w, i) => (w - need[i]! > 0.01 ? widths[i]! : 0));
    const weight = giving.reduce((s, x) => s + x, 0);
    if (weight <= 0) break;
    let cut = 0;
    out.forEach((w, i) => {
      const x = Math.min(w - need[i]!, (excess * giving[i]!) / weight);
      if (x > 0) {
        out[i] = w - x;
        cut += x;
      }
    });
    excess -= cut;
  }
  return out;
}

function table(c: Ctx, b: Extract<Block, { kind: 'table' }>) {
  const { pdf } = c;
  const size = b.fontSize ?? c.base - 1;
  const widths = fitColumns(c, b, size);
  const xs = widths.map((_, i) => c.x0 + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const spanWidth = (col: number, n: number) => widths.slice(col, col + n).reduce((s, w) => s + w, 0);
  const textHeight = (text: string, width: number, bold = false) => {
    pdf.font(bold ? 'B' : 'R').fontSize(size);
    return pdf.heightOfString(text || ' ', { width: width - 2 * CELL_PAD, lineGap: 1 });
  };

  const placed = placeHeader(b.header, widths.length);
  const rowHeights = b.header.map(() => 0);
  for (const p of placed)
    if (p.rowSpan === 1)
      rowHeights[p.row] = Math.max(rowHeights[p.row]!, textHeight(p.cell.text, spanWidth(p.col, p.colSpan), true));
  for (const p of placed) {
    if (p.rowSpan === 1) continue;
    const need = textHeight(p.cell.text, spanWidth(p.col, p.colSpan), true);
    const have = rowHeights.slice(p.row, p.row + p.rowSpan).reduce((s, h) => s + h + 2 * CELL_PAD, 0) - 2 * CELL_PAD;
    if (need > have) rowHeights[p.row + p.rowSpan - 1]! += need - have;
  }
  const numbersHeight = b.columnNumbers ? textHeight('(1)', widths[0]!) + 2 * CELL_PAD : 0;
  const headerHeight = rowHeights.reduce((s, h) => s + h + 2 * CELL_PAD, 0) + numbersHeight;

  const drawCell = (
    text: string,
    x: number,
    y: number,
    w: number,
    h: number,
    o: { bold?: boolean; align?: Align; middle?: boolean; italic?: boolean },
  ) => {
    pdf.lineWidth(0.5).rect(x, y, w, h).stroke();
    pdf.font(fontName(o.bold, o.italic)).fontSize(size);
    const th = pdf.heightOfString(text || ' ', { width: w - 2 * CELL_PAD, lineGap: 1 });
    const ty = o.middle ? y + (h - th) / 2 : y + CELL_PAD;
    pdf.text(text, x + CELL_PAD, ty, { width: w - 2 * CELL_PAD, align: o.align ?? 'left', lineGap: 1 });
  };

  const drawHeader = () => {
    const top = pdf.y;
    const rowTop = (r: number) => top + rowHeights.slice(0, r).reduce((s, h) => s + h + 2 * CELL_PAD, 0);
    for (const p of placed) {
      const h = rowHeights.slice(p.row, p.row + p.rowSpan).reduce((s, x) => s + x + 2 * CELL_PAD, 0);
      drawCell(p.cell.text, xs[p.col]!, rowTop(p.row), spanWidth(p.col, p.colSpan), h, {
        bold: true,
        align: 'center',
        middle: true,
      });
    }
    let y = rowTop(b.header.length);
    if (b.columnNumbers) {
      widths.forEach((w, i) =>
        drawCell(`(${i + 1})`, xs[i]!, y, w, numbersHeight, { italic: true, align: 'center', middle: true }),
      );
      y += numbersHeight;
    }
    pdf.y = y;
  };

  ensureSpace(c, headerHeight + 2 * size);
  drawHeader();
  const rows: Cell[][] =
    b.rows.length > 0 ? b.rows : Array.from({ length: b.emptyRows ?? 0 }, () => b.columns.map(() => ''));
  for (const row of rows) {
    let h = 0;
    row.forEach((cell, i) => {
      const bold = typeof cell !== 'string' && cell.bold;
      h = Math.max(h, textHeight(cellText(cell), widths[i]!, bold));
    });
    h += 2 * CELL_PAD;
    if (b.rows.length === 0) h = Math.max(h, 1.4 * CM);
    if (pdf.y + h > bottomOf(pdf)) {
      pdf.addPage();
      drawHeader();
    }
    const y = pdf.y;
    row.forEach((cell, i) =>
      drawCell(cellText(cell), xs[i]!, y, widths[i]!, h, {
        align: b.columns[i]!.align,
        bold: typeof cell !== 'string' && cell.bold,
      }),
    );
    pdf.y = y + h;
  }
  pdf.x = c.x0;
  pdf.y += 6;
}

function drawQr(pdf: Pdf, qr: QrCode, x: number, y: number, size: number) {
  const n = qr.modules.length;
  const m = size / n;
  qr.modules.forEach((row, r) => {
    for (let col = 0; col < n;) {
      if (!row[col]) {
        col++;
        continue;
      }
      let w = 1;
      while (col + w < n && row[col + w]) w++;
      pdf.rect(x + col * m, y + r * m, w * m + 0.05, m + 0.05);
      col += w;
    }
  });
  pdf.fillColor('#000').fill();
}

function codeBlock(c: Ctx, b: Extract<Block, { kind: 'code' }>) {
  const { pdf } = c;
  const qrSize = b.qr ? 2.2 * CM : 0;
  const textWidth = c.width - (b.qr ? qrSize + 0.5 * CM : 0);
  ensureSpace(c, Math.max(qrSize, 2 * c.base));
  const top = pdf.y;
  for (const line of b.lines) runs(c, line, { x: c.x0, width: textWidth, align: b.qr ? 'left' : 'center' });
  if (b.caption) {
    pdf.y += 2;
    runs(c, [{ text: b.caption, italic: true }], { x: c.x0, width: textWidth, size: 10 });
  }
  if (b.qr) {
    drawQr(pdf, b.qr, c.x0 + c.width - qrSize, top, qrSize);
    pdf.y = Math.max(pdf.y, top + qrSize);
  }
  pdf.x = c.x0;
  pdf.y += PARA_GAP + 2;
}

function signatures(c: Ctx, b: Extract<Block, { kind: 'signatures' }>) {
  const { pdf } = c;
  const n = b.boxes.length;
  if (n === 0) return;
  const boxWidth = n === 1 ? c.width * 0.5 : c.width / n;
  const start = n === 1 ? c.x0 + c.width * 0.5 : c.x0;
  const signSpace = 2 * CM;
  ensureSpace(c, signSpace + 4 * c.base + 10);
  pdf.y += 8;
  const top = pdf.y;
  let bottom = top;
  b.boxes.forEach((box, i) => {
    const x = start + i * boxWidth;
    pdf.y = top;
    if (box.above) pdf.font('B').fontSize(c.base).text(box.above, x, pdf.y, { width: boxWidth, align: 'center' });
    pdf.font('B').fontSize(c.base).text(box.title, x, pdf.y, { width: boxWidth, align: 'center' });
    if (box.hint)
      pdf
        .font('I')
        .fontSize(c.base - 1)
        .text(box.hint, x, pdf.y, { width: boxWidth, align: 'center' });
    pdf.y += signSpace;
    if (box.name) pdf.font('B').fontSize(c.base).text(box.name, x, pdf.y, { width: boxWidth, align: 'center' });
    bottom = Math.max(bottom, pdf.y);
  });
  pdf.x = c.x0;
  pdf.y = bottom + PARA_GAP;
}

function footer(pdf: Pdf, doc: FormDocument) {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing in the margin must not open a new page
    const y = pdf.page.height - bottomMargin + 0.5 * CM;
    const x = pdf.page.margins.left;
    const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
    pdf.font('I').fontSize(8).fillColor('#444');
    if (doc.footer) pdf.text(doc.footer, x, y, { width: width * 0.8, lineBreak: false });
    if (range.count > 1) pdf.text(`Trang ${i + 1}/${range.count}`, x, y, { width, align: 'right', lineBreak: false });
    pdf.fillColor('#000');
    pdf.page.margins.bottom = bottomMargin;
  }
}

/** Renders the document; the text is NFC-normalised first. */
export function renderPdf(input: FormDocument): Promise<Buffer> {
  const doc = nfcDeep(input);
  const fonts = tinosFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.orientation,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: doc.name,
      Subject: doc.subject,
      Author: 'motcua',
      Creator: 'motcua',
      Keywords: `${doc.templateId} v${doc.templateVersion}; ${doc.formNumber}`,
    },
    // the default font without loading Helvetica's metrics; every text below picks R, B, I or BI
    font: fontPath('regular'),
  });
  pdf.registerFont('R', fonts.regular);
  pdf.registerFont('B', fonts.bold);
  pdf.registerFont('I', fonts.italic);
  pdf.registerFont('BI', fonts.boldItalic);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (b: Buffer) => chunks.push(b));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const c: Ctx = {
    pdf,
    x0: MARGIN,
    width: pdf.page.width - 2 * MARGIN,
    base: doc.formId === 'TRACKING_BOOK' ? 12 : BASE,
  };
  pdf.font('R').fontSize(c.base);
  header(c, doc);
  title(c, doc);
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'paragraph':
        paragraph(c, b);
        break;
      case 'fields':
        fields(c, b);
        break;
      case 'list':
        list(c, b);
        break;
      case 'table':
        table(c, b);
        break;
      case 'code':
        codeBlock(c, b);
        break;
      case 'signatures':
        signatures(c, b);
        break;
      case 'spacer':
        pdf.y += (b.lines ?? 1) * c.base;
        break;
    }
  }
  footer(pdf, doc);
  pdf.end();
  return done;
}
