/**
 * What an upload is, decided from its bytes only (magic numbers through file-type), and how it is named.
 * The client's filename, extension and Content-Type are never trusted: the filename only becomes a display
 * label after sanitising, and the download name takes its extension from the detected type.
 */
import { fileTypeFromBuffer } from 'file-type';

/**
 * Accepted types, by detected media type, with the extension used for downloads. Scans (PDF, JPEG, PNG,
 * TIFF) and the office formats officials exchange (DOCX, XLSX, ODT). Refused: everything else, notably
 * executables, HTML and SVG (active content), plain ZIP archives, legacy OLE .doc/.xls and macro-enabled
 * .docm/.xlsm (file-type names them differently, so they never match this list).
 */
export const allowedTypes: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
};

export const allowedTypeNames = 'PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT';

export interface DetectedType {
  mediaType: string;
  ext: string;
}

export type Detection = { ok: true; type: DetectedType } | { ok: false; detected: string | undefined };

/** The type the content shows; `detected` names a recognised but refused type (for the message). */
export async function detectType(data: Buffer): Promise<Detection> {
  const found = await fileTypeFromBuffer(data);
  const ext = found ? allowedTypes[found.mime] : undefined;
  if (!found || !ext) return { ok: false, detected: found?.mime };
  return { ok: true, type: { mediaType: found.mime, ext } };
}

export const LABEL_MAX = 255;

// Line breaks and tabs become spaces; other control (Cc), format (Cf: bidi overrides such as U+202E,
// zero-width characters), private-use and surrogate code points are dropped.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
// Characters Windows refuses in file names; also keeps markup out of the label.
const RESERVED = /[<>:"|?*]/g;
// A trailing extension: 1–10 letters or digits with at least one letter (so "số 12.2025" keeps its ".2025").
const EXTENSION = /\.(?=[0-9]*[\p{L}])[\p{L}0-9]{1,10}$/u;

const codePoints = (s: string) => Array.from(s);

/**
 * A display name from untrusted text: invisible characters removed, NFC, the last path segment only
 * ("../../etc/passwd.pdf" → "passwd.pdf"), reserved characters replaced by "_", whitespace collapsed, no
 * leading or trailing dots. May be empty.
 */
export function cleanLabel(raw: string): string {
  let s = raw.replace(BREAKS, ' ').replace(INVISIBLE, '').normalize('NFC');
  s = s.split(/[/\\]/).pop() ?? '';
  s = s.replace(RESERVED, '_').replace(/\s+/gu, ' ');
  s = s.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
  return s;
}

/** Cuts a name to `max` code points, keeping its extension when there is one. */
export function truncateLabel(label: string, max = LABEL_MAX): string {
  if (codePoints(label).length <= max) return label;
  const ext = EXTENSION.exec(label)?.[0] ?? '';
  const stem = codePoints(label.slice(0, label.length - ext.length));
  return (
    stem
      .slice(0, max - codePoints(ext).length)
      .join('')
      .trimEnd() + ext
  );
}

/** The download name: the label with the detected extension in place of whatever extension it claimed. */
export function downloadFilename(label: string, ext: string): string {
  const stem = label.replace(EXTENSION, '').replace(/[.\s]+$/u, '') || 'tep-dinh-kem';
  return truncateLabel(`${stem}.${ext}`);
}

/** ASCII stand-in for old clients: diacritics dropped (đ → d), anything else outside printable ASCII → "_". */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
}

const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function contentDisposition(filename: string): string {
  return `attachment; filename="${asciiFallback(filename)}"; filename*=UTF-8''${rfc5987(filename)}`;
}
