/**
 * The statutory forms (spec one-stop-dossiers §13, §14.2, §14.3) as versioned templates that build a
 * renderer-neutral FormDocument; the PDF, HTML and XLSX renderers read only the FormDocument.
 */
import type { FormId as LifecycleFormId } from '@motcua/domain/dossier/index';

/** The lifecycle's form ids (events.ts) plus the whole control sheet and the tracking book. */
export type FormId = Exclude<LifecycleFormId, 'PROCESS_CONTROL_SHEET_ROW'> | 'PROCESS_CONTROL_SHEET' | 'TRACKING_BOOK';
export type FormSet = '2018' | '2025';
export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** One line of a header block, centred in its half of the page. */
export interface HeaderLine {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A short rule under this line (under the issuing body and under the motto). */
  underline?: boolean;
}

export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export interface TableColumn {
  /** Relative width; the renderers scale the sum to the text width. */
  width: number;
  align?: Align;
  /** Kind of the cells, for the spreadsheet (a date cell is written as a date with dd/mm/yyyy). */
  type?: 'text' | 'number' | 'date';
}

/** A table cell: text (lines separated by \n), or a date for the spreadsheet with its printed text. */
export type Cell = string | { text: string; date?: string | null; number?: number | null; bold?: boolean };

export interface QrCode {
  /** What the symbol encodes. */
  text: string;
  /** The module matrix (true = dark), row by row, from the `qrcode` package. */
  modules: boolean[][];
}

export type Block =
  | { kind: 'paragraph'; runs: Run[]; align?: Align; indent?: boolean }
  /** "label: value"; several on one line when `items` has more than one. */
  | { kind: 'fields'; items: { label: string; value: string }[] }
  | { kind: 'list'; items: string[]; indent?: boolean }
  | {
      kind: 'table';
      columns: TableColumn[];
      /** Header grid with spans (the spreadsheet merges the same cells). */
      header: HeaderCell[][];
      /** A row (1) (2) … under the header, as on the official books. */
      columnNumbers?: boolean;
      rows: Cell[][];
      /** Printed when there are no rows (a paper sheet keeps empty rows to fill in by hand). */
      emptyRows?: number;
      fontSize?: number;
    }
  /** The dossier code with the QR code to the public lookup page beside it. */
  | { kind: 'code'; lines: Run[][]; qr: QrCode | null; caption: string | null }
  | {
      kind: 'signatures';
      boxes: { title: string; hint: string | null; name: string | null; above?: string | null }[];
    }
  | { kind: 'spacer'; lines?: number };

export interface FormDocument {
  formId: FormId;
  templateId: string;
  templateVersion: string;
  formSet: FormSet;
  formNumber: string;
  /** Name of the form as in the circular. */
  name: string;
  orientation: Orientation;
  header: {
    left: HeaderLine[];
    right: HeaderLine[];
    /** "Số: …/TNHS" under the left block; null to omit. */
    number: string | null;
    /** "Mê Linh, ngày 22 tháng 04 năm 2026" under the right block; null to omit. */
    placeDate: string | null;
  } | null;
  title: string[];
  /** Lines right under the title (dossier code, period of a book …). */
  subtitle: Run[][];
  blocks: Block[];
  /** Page footer text, e.g. the dossier code; page numbers are added when there is more than one page. */
  footer: string | null;
  /** File name without extension, ASCII. */
  filename: string;
  /** Document metadata. */
  subject: string;
}

/** A versioned template (spec §13: DocumentTemplate { id, regime, formNumber, name, version, effectiveFrom … }). */
export interface FormTemplate<D> {
  id: string;
  form: FormId;
  regime: FormSet;
  formNumber: string;
  name: string;
  version: string;
  /** Local date from which this version is used; a dossier uses the version in force at its receipt. */
  effectiveFrom: string;
  legalBasis: string;
  orientation: Orientation;
  build(data: D): FormDocument;
}

/** NFC everywhere: input may be decomposed (NFD from some keyboards and copy-paste) and fonts want NFC. */
export function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => nfcDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = nfcDeep(v);
    return out as T;
  }
  return value;
}

export const cellText = (c: Cell): string => (typeof c === 'string' ? c : c.text);

export interface PlacedHeaderCell {
  cell: HeaderCell;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** Places header cells on the column grid, skipping slots taken by a row span from above. */
export function placeHeader(header: HeaderCell[][], columns: number): PlacedHeaderCell[] {
  const taken: boolean[][] = header.map(() => Array.from({ length: columns }, () => false));
  const placed: PlacedHeaderCell[] = [];
  header.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (col < columns && taken[r]![col]) col++;
      const rowSpan = Math.min(cell.rowSpan ?? 1, header.length - r);
      const colSpan = Math.min(cell.colSpan ?? 1, columns - col);
      for (let i = 0; i < rowSpan; i++) for (let k = 0; k < colSpan; k++) taken[r + i]![col + k] = true;
      placed.push({ cell, row: r, col, rowSpan, colSpan });
      col += colSpan;
    }
  });
  return placed;
}
