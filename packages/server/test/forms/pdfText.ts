/**
 * A small PDF text extractor for the tests, with no system tool and no extra package: it inflates the
 * streams (node:zlib), reads each embedded font's ToUnicode CMap and decodes the Tj/TJ strings of the page
 * content through it. Enough for pdfkit's output (Identity-H fonts, hex strings); not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  id: number;
  dict: string;
  stream: Buffer | null;
}

export function pdfObjects(buf: Buffer): PdfObject[] {
  const s = buf.toString('latin1');
  const out: PdfObject[] = [];
  const re = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    const streamAt = s.indexOf('stream', start);
    if (streamAt !== -1 && streamAt < end) {
      const dict = s.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const dataStart = streamAt + 6 + (s[streamAt + 6] === '\r' ? 2 : 1);
      let data = buf.subarray(dataStart, dataStart + length);
      if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
      out.push({ id: Number(m[1]), dict, stream: data });
      re.lastIndex = s.indexOf('endobj', dataStart + length) + 6;
    } else {
      out.push({ id: Number(m[1]), dict: s.slice(start, end), stream: null });
      re.lastIndex = end + 6;
    }
  }
  return out;
}

const utf16 = (hex: string) => {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};

function parseCMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(line[1]!, 16);
      const hi = parseInt(line[2]!, 16);
      const dst = line[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) => x[1]!.replace(/\s+/g, ''));
        items.forEach((h, i) => map.set(lo + i, utf16(h)));
      } else {
        const base = dst.slice(1, -1);
        for (let c = lo; c <= hi; c++) {
          const last = parseInt(base.slice(-4), 16) + (c - lo);
          map.set(c, utf16(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(line[1]!, 16), utf16(line[2]!));
  return map;
}

export interface PdfText {
  /** Text of every page, one line per text object. */
  text: string;
  /** BaseFont names of the embedded fonts. */
  fonts: string[];
  pages: number;
}

export function extractPdfText(buf: Buffer): PdfText {
  const objects = pdfObjects(buf);
  const byId = new Map(objects.map((o) => [o.id, o]));
  const cmaps = new Map<number, Map<number, string>>(); // font object id → cmap
  const fonts: string[] = [];
  for (const o of objects) {
    if (!/\/Type \/Font\b/.test(o.dict)) continue;
    const base = /\/BaseFont \/([^\s/>]+)/.exec(o.dict)?.[1];
    if (base && /\/Subtype \/Type0/.test(o.dict)) fonts.push(base);
    const tu = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    const cm = tu ? byId.get(Number(tu[1]))?.stream : undefined;
    if (cm) cmaps.set(o.id, parseCMap(cm.toString('latin1')));
  }
  const fontByName = new Map<string, number>();
  for (const o of objects)
    for (const f of o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g))
      for (const e of f[1]!.matchAll(/\/(\w+) (\d+) 0 R/g)) fontByName.set(e[1]!, Number(e[2]));
  const pageCount = objects.filter((o) => /\/Type \/Page\b/.test(o.dict)).length;
  const lines: string[] = [];
  for (const o of objects) {
    if (!o.stream || /\/Subtype|\/Length1|CMapName/.test(o.dict)) continue;
    const content = o.stream.toString('latin1');
    if (!/\bBT\b/.test(content)) continue;
    let cmap: Map<number, string> | undefined;
    const decode = (hex: string) => {
      let out = '';
      for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      return out;
    };
    let line = '';
    const token = /\/(\w+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g;
    for (const t of content.matchAll(token)) {
      if (t[1]) cmap = cmaps.get(fontByName.get(t[1]) ?? -1);
      else if (t[2] !== undefined)
        for (const part of t[2].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) line += decode(part[1]);
          else if (Number(part[2]) < -200 && !line.endsWith(' ')) line += ' ';
        }
      else if (t[3] !== undefined) line += decode(t[3]);
      else {
        if (line) lines.push(line);
        line = '';
      }
    }
  }
  return { text: lines.join('\n'), fonts, pages: pageCount };
}

/** Whitespace-insensitive text (lines joined by a space), for `includes` checks across line breaks. */
export const flat = (s: string) => s.replace(/\s+/g, ' ').normalize('NFC');
