/**
 * Letter-like forms as data: a template is a DocumentSpec (title, number suffix, the field list, signature
 * boxes) and one builder turns any spec and a dossier's FormData into a FormDocument. Changing a label, the
 * order of the fields or removing one is a change of data, not of code.
 */
import type { Align, Block, FormDocument, FormId, FormSet, FormTemplate, HeaderLine, Orientation, Run } from './model';
import { nfcDeep } from './model';
import type { FormData, UnitInfo } from './formData';
import { BLANK, asciiSlug, placeDateVN, placeOf, upper } from './format';
import { qrCodeFor } from './qr';
import {
  formValues,
  interpolate,
  officeAbbreviation,
  type DateKey,
  type FormValues,
  type ListKey,
  type ValueKey,
} from './values';

export type BodyItem =
  /** "label: value"; `optional` omits the line when there is no value (otherwise dots are printed). */
  | { type: 'field'; key: ValueKey; label: string; optional?: boolean }
  /** Several "label: value" on one line. */
  | { type: 'fields'; items: { key: ValueKey; label: string }[]; optional?: boolean }
  /** Free text with {key} placeholders. */
  | { type: 'text'; text: string; align?: Align; bold?: boolean; italic?: boolean; indent?: boolean }
  /** A numbered list; `empty` is printed when the list is empty. */
  | { type: 'list'; key: ListKey; empty?: string }
  /** The submitted papers as a table (2018 Mẫu 01). */
  | { type: 'papersTable'; headers: [string, string, string, string] }
  /** The dossier code, with the QR code to the lookup page when `qr`. */
  | { type: 'code'; label: string; qr: boolean; caption?: string }
  /** The items only when `key` has a value (e.g. the proxy's details). */
  | { type: 'when'; key: ValueKey; items: BodyItem[] }
  | { type: 'spacer' };

export interface SignatureSpec {
  title: string;
  hint: string | null;
  nameKey?: ValueKey;
  above?: string;
}

export interface DocumentSpec {
  id: string;
  form: FormId;
  regime: FormSet;
  formNumber: string;
  name: string;
  version: string;
  effectiveFrom: string;
  legalBasis: string;
  orientation: Orientation;
  /** "Số: …/TNHS"; `{office}` is replaced by TTPVHCC or BPTNTKQ (2025). */
  numberSuffix: string;
  /** A value holding a number already given (the apology's letter number). */
  numberKey?: ValueKey;
  /** The instant the form is dated with. */
  dateKey: DateKey;
  title: string[];
  /** Lines under the title, with {key} placeholders; a line whose keys are all empty is dropped. */
  subtitle?: { text: string; bold?: boolean; italic?: boolean }[];
  body: BodyItem[];
  signatures: SignatureSpec[];
  /** ASCII file name prefix; the dossier code is appended. */
  filenamePrefix: string;
}

export const MOTTO: HeaderLine[] = [
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: true },
];

const localGovernmentTypes = new Set(['PROVINCE', 'DISTRICT', 'COMMUNE', 'WARD', 'TOWNSHIP']);

/** The governing body's name: a local unit is its People's Committee (docs/decisions.md 8). */
export function governingName(name: string, type: string | null): string {
  if (!type || !localGovernmentTypes.has(type) || /^(ủy|uỷ) ban nhân dân/iu.test(name)) return name;
  return `Ủy ban nhân dân ${name.charAt(0).toLocaleLowerCase('vi-VN')}${name.slice(1)}`;
}

/** Left header: đơn vị chủ quản (the parent unit), the reception desk, the unit (spec §13.2). */
export function issuerLines(unit: UnitInfo): HeaderLine[] {
  const lines: HeaderLine[] = [];
  if (unit.parentName) lines.push({ text: upper(governingName(unit.parentName, unit.parentType)) });
  if (unit.type === 'SERVICE_CENTRE' || unit.type === 'SERVICE_POINT')
    lines.push({ text: upper(unit.name), bold: true, underline: true });
  else {
    lines.push({ text: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', bold: true });
    lines.push({ text: upper(unit.name), bold: true, underline: true });
  }
  return lines;
}

export function numberLine(suffix: string, unit: UnitInfo, given: string | null): string {
  const s = suffix.replace('{office}', officeAbbreviation(unit));
  if (given) return `Số: ${given.includes('/') ? given : `${given}/${s}`}`;
  return `Số: ……/${s}`;
}

function keysOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function bodyBlocks(items: readonly BodyItem[], v: FormValues, d: FormData): Block[] {
  const out: Block[] = [];
  for (const item of items) {
    switch (item.type) {
      case 'field': {
        const value = v.text[item.key];
        if (!value && item.optional) break;
        out.push({ kind: 'fields', items: [{ label: item.label, value: value ?? BLANK }] });
        break;
      }
      case 'fields': {
        if (item.optional && item.items.every((f) => !v.text[f.key])) break;
        out.push({ kind: 'fields', items: item.items.map((f) => ({ label: f.label, value: v.text[f.key] ?? BLANK })) });
        break;
      }
      case 'text':
        out.push({
          kind: 'paragraph',
          runs: [{ text: interpolate(item.text, v.text), bold: item.bold, italic: item.italic }],
          align: item.align,
          indent: item.indent,
        });
        break;
      case 'list': {
        const list = v.lists[item.key];
        if (list.length) out.push({ kind: 'list', items: list, indent: true });
        else out.push({ kind: 'paragraph', runs: [{ text: item.empty ?? BLANK }], indent: true });
        break;
      }
      case 'papersTable':
        out.push({
          kind: 'table',
          columns: [
            { width: 1, align: 'center' },
            { width: 7 },
            { width: 3.2, align: 'center' },
            { width: 1.6, align: 'center', type: 'number' },
          ],
          header: [item.headers.map((text) => ({ text }))],
          rows: d.dossier.papers.map((p) => [
            String(p.index),
            p.name,
            p.kind ?? '',
            p.copies === null ? '' : String(p.copies),
          ]),
          emptyRows: 3,
        });
        break;
      case 'code': {
        const code = d.dossier.code;
        const url = d.lookupUrl;
        out.push({
          kind: 'code',
          lines: [[{ text: `${item.label}: ` }, { text: code ?? BLANK, bold: true }]],
          qr: item.qr && code && url ? qrCodeFor(url) : null,
          caption: item.qr && url ? `${item.caption ?? 'Tra cứu hồ sơ'}: ${url}` : null,
        });
        break;
      }
      case 'when':
        if (v.text[item.key]) out.push(...bodyBlocks(item.items, v, d));
        break;
      case 'spacer':
        out.push({ kind: 'spacer' });
        break;
    }
  }
  return out;
}

/** The common frame: issuer and motto, number, place and date. */
export function frame(unit: UnitInfo, number: string | null, at: number | null): NonNullable<FormDocument['header']> {
  return {
    left: issuerLines(unit),
    right: MOTTO,
    number,
    placeDate: placeDateVN(placeOf(unit), at),
  };
}

export function footerOf(formNumber: string, legalBasis: string, code: string | null): string {
  return `${formNumber} (${legalBasis})${code ? ` · Mã hồ sơ ${code}` : ''}`;
}

export function filenameOf(prefix: string, code: string | null, fallback: string): string {
  return `${prefix}-${asciiSlug(code ?? fallback)}`;
}

export function buildFromSpec(spec: DocumentSpec, d: FormData, printedAt = Date.now()): FormDocument {
  const v = formValues(d, spec.regime, printedAt);
  const subtitle: Run[][] = [];
  for (const line of spec.subtitle ?? []) {
    const keys = keysOf(line.text);
    if (keys.length && keys.every((k) => !v.text[k as ValueKey])) continue;
    subtitle.push([{ text: interpolate(line.text, v.text), bold: line.bold, italic: line.italic }]);
  }
  const blocks = bodyBlocks(spec.body, v, d);
  blocks.push({
    kind: 'signatures',
    boxes: spec.signatures.map((s) => ({
      title: s.title,
      hint: s.hint,
      name: s.nameKey ? v.text[s.nameKey] : null,
      above: s.above ?? null,
    })),
  });
  return nfcDeep({
    formId: spec.form,
    templateId: spec.id,
    templateVersion: spec.version,
    formSet: spec.regime,
    formNumber: spec.formNumber,
    name: spec.name,
    orientation: spec.orientation,
    header: frame(
      d.unit,
      numberLine(spec.numberSuffix, d.unit, spec.numberKey ? v.text[spec.numberKey] : null),
      v.dates[spec.dateKey],
    ),
    title: spec.title,
    subtitle,
    blocks,
    footer: footerOf(spec.formNumber, spec.legalBasis, d.dossier.code),
    filename: filenameOf(spec.filenamePrefix, d.dossier.code, d.dossier.id),
    subject: `${spec.name} — ${d.applicant.name}`,
  });
}

/** A template object (spec §13 DocumentTemplate) from its data. */
export function templateOf(spec: DocumentSpec): FormTemplate<FormData> & { spec: DocumentSpec } {
  return {
    id: spec.id,
    form: spec.form,
    regime: spec.regime,
    formNumber: spec.formNumber,
    name: spec.name,
    version: spec.version,
    effectiveFrom: spec.effectiveFrom,
    legalBasis: spec.legalBasis,
    orientation: spec.orientation,
    spec,
    build: (d) => buildFromSpec(spec, d),
  };
}
