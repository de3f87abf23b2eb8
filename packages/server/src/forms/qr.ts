/** The QR code of the receipt slip (spec §12.1, §17): the module matrix from `qrcode`, drawn by each renderer. */
import QRCode from 'qrcode';
import type { QrCode } from './model';

/** Error-correction level M: survives a smudged or folded paper slip, still small for a 60-character URL. */
export const QR_OPTIONS = { errorCorrectionLevel: 'M' } as const;

export function qrCodeFor(text: string): QrCode {
  const symbol = QRCode.create(text, QR_OPTIONS);
  const size = symbol.modules.size;
  const modules: boolean[][] = [];
  for (let r = 0; r < size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < size; c++) row.push(Boolean(symbol.modules.get(r, c)));
    modules.push(row);
  }
  return { text, modules };
}

/** An SVG path of the dark modules (one unit per module), runs of a row merged into one rectangle. */
export function qrSvgPath(modules: boolean[][]): string {
  const out: string[] = [];
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length;) {
      if (!row[x]) {
        x++;
        continue;
      }
      let w = 1;
      while (x + w < row.length && row[x + w]) w++;
      out.push(`M${x} ${y}h${w}v1h-${w}z`);
      x += w;
    }
  });
  return out.join('');
}

/** The lookup page the QR code opens (the web app's public tracking page). */
export function lookupUrlFor(publicBase: string, code: string): string {
  return `${publicBase.replace(/\/+$/, '')}/tra-cuu?ma=${encodeURIComponent(code)}`;
}
