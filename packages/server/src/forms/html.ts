/**
 * FormDocument → a printable HTML page (A4, 2 cm margins, print CSS), the same content as the PDF. Every
 * text is escaped; the page has no script, so it is safe under the app's CSP (inline styles are allowed).
 */
import type { Block, Cell, FormDocument, HeaderLine, Run } from './model';
import { cellText, nfcDeep, placeHeader } from './model';
import { qrSvgPath } from './qr';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => entities[ch]!);
}

/** Text with line breaks kept. */
const text = (s: string) => escapeHtml(s).replace(/\n/g, '<br>');

function run(r: Run): string {
  let out = text(r.text);
  if (r.italic) out = `<em>${out}</em>`;
  if (r.bold) out = `<strong>${out}</strong>`;
  return out;
}

const runs = (list: Run[]) => list.map(run).join('');

function headerLines(lines: HeaderLine[]): string {
  return lines
    .map((l) => {
      const cls = [l.bold ? 'b' : '', l.italic ? 'i' : '', l.underline ? 'rule' : ''].filter(Boolean).join(' ');
      return `<div${cls ? ` class="${cls}"` : ''}>${text(l.text)}</div>`;
    })
    .join('');
}

function table(b: Extract<Block, { kind: 'table' }>): string {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const cols = b.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
  const placed = placeHeader(b.header, b.columns.length);
  const head = b.header
    .map((_, r) => {
      const cells = placed
        .filter((p) => p.row === r)
        .map(
          (p) =>
            `<th scope="col"${p.colSpan > 1 ? ` colspan="${p.colSpan}"` : ''}${p.rowSpan > 1 ? ` rowspan="${p.rowSpan}"` : ''}>${text(p.cell.text)}</th>`,
        )
        .join('');
      return `<tr>${cells}</tr>`;
    })
    .join('');
  const numbers = b.columnNumbers
    ? `<tr class="numbers">${b.columns.map((_, i) => `<th>(${i + 1})</th>`).join('')}</tr>`
    : '';
  const cell = (c: Cell, i: number) => {
    const align = b.columns[i]!.align;
    const bold = typeof c !== 'string' && c.bold;
    return `<td${align && align !== 'left' ? ` class="${align}"` : ''}>${bold ? `<strong>${text(cellText(c))}</strong>` : text(cellText(c))}</td>`;
  };
  const rows =
    b.rows.length > 0
      ? b.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')
      : Array.from(
          { length: b.emptyRows ?? 0 },
          () => `<tr class="empty">${b.columns.map(() => '<td></td>').join('')}</tr>`,
        ).join('');
  const style = b.fontSize ? ` style="font-size:${b.fontSize}pt"` : '';
  return `<table${style}><colgroup>${cols}</colgroup><thead>${head}${numbers}</thead><tbody>${rows}</tbody></table>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p class="${[b.align ?? 'left', b.indent ? 'indent' : ''].filter(Boolean).join(' ')}">${runs(b.runs)}</p>`;
    case 'fields':
      return `<p class="fields">${b.items
        .map((f) => `<span class="field"><span class="label">${text(f.label)}:</span> ${text(f.value)}</span>`)
        .join(' ')}</p>`;
    case 'list':
      return `<ol class="${b.indent ? 'indent' : ''}">${b.items.map((i) => `<li>${text(i)}</li>`).join('')}</ol>`;
    case 'table':
      return table(b);
    case 'code': {
      const lines = b.lines.map((l) => `<p>${runs(l)}</p>`).join('');
      const caption = b.caption ? `<p class="caption">${text(b.caption)}</p>` : '';
      const qr = b.qr
        ? `<svg class="qr" role="img" aria-label="Mã QR tra cứu hồ sơ" data-qr="${escapeHtml(b.qr.text)}" viewBox="-2 -2 ${b.qr.modules.length + 4} ${b.qr.modules.length + 4}" shape-rendering="crispEdges"><rect x="-2" y="-2" width="${b.qr.modules.length + 4}" height="${b.qr.modules.length + 4}" fill="#fff"/><path fill="#000" d="${qrSvgPath(b.qr.modules)}"/></svg>`
        : '';
      return `<div class="code"><div class="code-text">${lines}${caption}</div>${qr}</div>`;
    }
    case 'signatures':
      return `<div class="signatures${b.boxes.length === 1 ? ' single' : ''}">${b.boxes
        .map(
          (s) =>
            `<div class="signature">${s.above ? `<div class="b">${text(s.above)}</div>` : ''}<div class="b">${text(s.title)}</div>${
              s.hint ? `<div class="i">${text(s.hint)}</div>` : ''
            }<div class="space"></div>${s.name ? `<div class="b">${text(s.name)}</div>` : ''}</div>`,
        )
        .join('')}</div>`;
    case 'spacer':
      return '<div class="spacer"></div>';
  }
}

/** The PDF's fonts, served by this app (GET /api/v1/forms/fonts/…), so the page prints the same everywhere. */
export const FONT_FILES = {
  'tinos-regular.ttf': 'regular',
  'tinos-bold.ttf': 'bold',
  'tinos-italic.ttf': 'italic',
  'tinos-bold-italic.ttf': 'boldItalic',
} as const;
const face = (file: string, weight: number, style: string) =>
  `@font-face{font-family:Tinos;font-weight:${weight};font-style:${style};font-display:swap;src:local("Tinos"),url("/api/v1/forms/fonts/${file}") format("truetype")}`;
const fontFaces = [
  face('tinos-regular.ttf', 400, 'normal'),
  face('tinos-bold.ttf', 700, 'normal'),
  face('tinos-italic.ttf', 400, 'italic'),
  face('tinos-bold-italic.ttf', 700, 'italic'),
].join('\n');

function css(landscape: boolean): string {
  const w = landscape ? '29.7cm' : '21cm';
  const h = landscape ? '21cm' : '29.7cm';
  return `@page{size:A4 ${landscape ? 'landscape' : 'portrait'};margin:2cm}
${fontFaces}
*{box-sizing:border-box}
body{margin:0;font-family:Tinos,"Times New Roman","Liberation Serif",serif;font-size:13pt;line-height:1.35;color:#000}
.page{width:${w};min-height:${h};padding:2cm;margin:0 auto;background:#fff}
@media screen{body{background:#e5e5e5}.page{margin:1cm auto;box-shadow:0 0 .3cm rgba(0,0,0,.25)}}
@media print{.page{width:auto;min-height:0;padding:0;margin:0;box-shadow:none}}
header.frame{display:grid;grid-template-columns:46% 54%;text-align:center;font-size:12pt;line-height:1.25}
header.frame .left>div:not(.number){font-size:11pt}
header.frame .right div:nth-child(2){font-size:13pt}
.b{font-weight:bold}.i{font-style:italic}
.rule::after{content:"";display:block;margin:2pt auto 3pt;border-top:.7pt solid #000;width:40%}
.right .rule::after{width:62%}
.number{font-size:12pt;margin-top:4pt}.place-date{font-style:italic;margin-top:4pt}
h1{font-size:14pt;text-align:center;margin:14pt 0 0;line-height:1.3}
.subtitle{text-align:center;margin:0}
main.content{margin-top:10pt}
p{margin:0 0 3pt}
p.center{text-align:center}p.right{text-align:right}p.justify{text-align:justify}
.indent{margin-left:.6cm}
ol{margin:0 0 3pt;padding-left:1.3cm}ol.indent{padding-left:1.3cm}
.fields .field{margin-right:2em}
table{width:100%;border-collapse:collapse;margin:4pt 0 8pt;font-size:12pt;page-break-inside:auto}
th,td{border:.5pt solid #000;padding:3pt;vertical-align:top}
th{font-weight:bold;text-align:center;vertical-align:middle}
tr.numbers th{font-weight:normal;font-style:italic}
tr.empty td{height:1.4cm}
tr{page-break-inside:avoid}thead{display:table-header-group}
td.center{text-align:center}td.right{text-align:right}
.code{display:flex;justify-content:space-between;align-items:flex-start;gap:.5cm;margin:0 0 6pt}
.code .caption{font-style:italic;font-size:10pt;word-break:break-all}
svg.qr{width:2.4cm;height:2.4cm;flex:none}
.signatures{display:flex;justify-content:space-between;margin-top:10pt;page-break-inside:avoid;text-align:center}
.signatures.single{justify-content:flex-end}
.signature{flex:1 1 0}.signatures.single .signature{flex:0 0 50%}
.signature .space{height:2.2cm}
.spacer{height:13pt}
footer{margin-top:16pt;font-size:8pt;font-style:italic;color:#444}`;
}

export function renderHtml(input: FormDocument): string {
  const doc = nfcDeep(input);
  const h = doc.header;
  const frame = h
    ? `<header class="frame"><div class="left">${headerLines(h.left)}${
        h.number ? `<div class="number">${text(h.number)}</div>` : ''
      }</div><div class="right">${headerLines(h.right)}${
        h.placeDate ? `<div class="place-date">${text(h.placeDate)}</div>` : ''
      }</div></header>`
    : '';
  const title = `<h1>${doc.title.map(text).join('<br>')}</h1>${doc.subtitle
    .map((l) => `<p class="subtitle">${runs(l)}</p>`)
    .join('')}`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(doc.subject)}</title>
<meta name="generator" content="motcua ${escapeHtml(doc.templateId)} v${escapeHtml(doc.templateVersion)}">
<style>${css(doc.orientation === 'landscape')}</style></head>
<body><div class="page" data-template="${escapeHtml(doc.templateId)}" data-form-number="${escapeHtml(doc.formNumber)}">${frame}${title}<main class="content">${doc.blocks
    .map(block)
    .join('\n')}</main>${doc.footer ? `<footer>${text(doc.footer)}</footer>` : ''}</div></body></html>
`;
}
