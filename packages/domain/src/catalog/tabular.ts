import { levelToSource, type ProcedureContent } from './types';

/**
 * The CSV/XLSX layout of the catalogue (docs/catalog.md): one row per procedure, the header row names the
 * columns (any order), and the column names are the keys of procedures.json. List cells separate items with
 * `;`; a document (`name | quantity | form… | #group`) or a method (`channel | time | fee | description`) is one
 * item whose parts are separated by `|`; `\` escapes `;`, `|` and itself.
 */
export const tabularColumns = [
  'code',
  'name',
  'field',
  'level',
  'level_text',
  'agency',
  'competent_authority',
  'subjects',
  'channels',
  'processing_time_text',
  'processing_days',
  'time_unit',
  'fee_text',
  'fee_vnd',
  'methods',
  'documents',
  'document_notes',
  'conditions',
  'result',
  'result_codes',
  'legal_basis',
  'decision_no',
  'procedure_type',
  'online_level',
  'full_online_eligible',
  'cutoff_time',
  'supplement_clock_mode',
  'excluded_periods',
  'parse_warnings',
] as const;
export type TabularColumn = (typeof tabularColumns)[number];
export const requiredTabularColumns: readonly TabularColumn[] = ['code', 'name', 'field', 'level'];
const listColumns = new Set<string>([
  'level',
  'channels',
  'document_notes',
  'result_codes',
  'legal_basis',
  'excluded_periods',
  'parse_warnings',
]);

/** Checks a header row: unknown or repeated names and missing required ones are errors. */
export function checkHeader(header: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    const name = h.trim();
    if (!(tabularColumns as readonly string[]).includes(name)) problems.push(`Cột không được hỗ trợ: “${name}”.`);
    else if (seen.has(name)) problems.push(`Cột “${name}” xuất hiện hai lần.`);
    seen.add(name);
  }
  for (const r of requiredTabularColumns) if (!seen.has(r)) problems.push(`Thiếu cột bắt buộc “${r}”.`);
  return problems;
}

const escapePart = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/\|/g, '\\|');

/** Splits on an unescaped separator; the parts keep their escapes (see unescapeAll). */
export function splitEscaped(cell: string, separator: ';' | '|'): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length) {
      const next = cell[i + 1]!;
      // escapes stay as they are (for the next split level); unescapeAll removes them at the end
      cur += c + next;
      i++;
    } else if (c === separator) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export const unescapeAll = (s: string) => s.replace(/\\([\\;|])/g, '$1').trim();

export const joinList = (items: readonly string[]) => items.map(escapePart).join('; ');

/** One row (column → cell text) to a record in the shape of procedures.json, for the common import path. */
export function rowToRecord(
  row: Readonly<Record<string, string | number | boolean | null | undefined>>,
): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined || value === '') continue;
    const cell = typeof value === 'string' ? value : String(value);
    if (listColumns.has(key)) rec[key] = splitEscaped(cell, ';').map(unescapeAll).filter(Boolean);
    else if (key === 'processing_days' || key === 'fee_vnd') {
      const n = Number(cell.replace(/\s/g, ''));
      rec[key] = cell.trim() === '' ? null : Number.isFinite(n) ? n : cell;
    } else if (key === 'full_online_eligible') {
      const t = cell.trim().toLowerCase();
      rec[key] = ['true', '1', 'có', 'x', 'yes'].includes(t)
        ? true
        : ['false', '0', 'không', 'no'].includes(t)
          ? false
          : cell;
    } else if (key === 'documents') {
      rec.documents = splitEscaped(cell, ';')
        .filter(Boolean)
        .map((item) => {
          const [name, quantity, ...rest] = splitEscaped(item, '|').map(unescapeAll);
          const group = rest.find((p) => p.startsWith('#'));
          const forms = rest.filter((p) => p && !p.startsWith('#'));
          return {
            name: name ?? '',
            quantity_text: quantity || null,
            ...(forms.length ? { forms } : {}),
            ...(group ? { group: group.slice(1).trim() } : {}),
          };
        });
    } else if (key === 'methods') {
      rec.methods = splitEscaped(cell, ';')
        .filter(Boolean)
        .map((item) => {
          const [channel, timeText, feeText, description] = splitEscaped(item, '|').map(unescapeAll);
          return {
            channel: channel ?? '',
            time_text: timeText ?? '',
            fee_text: feeText ?? '',
            description: description ?? '',
          };
        });
    } else rec[key] = cell.trim();
  }
  return rec;
}

const timeUnitToSource: Record<string, string> = { calendar_days: 'days' };

/** A procedure version's content as one row of the layout (export; re-importable). */
export function contentToRow(
  c: ProcedureContent,
  parseWarnings: readonly string[] = [],
): Record<TabularColumn, string | number | null> {
  const direct = c.methods[0];
  const time = c.methods.find((m) => m.time)?.time ?? null;
  return {
    code: c.code,
    name: c.name,
    field: c.field,
    level: joinList(c.levels.map((l) => levelToSource[l])),
    level_text: c.levelText,
    agency: c.agency,
    competent_authority: c.competentAuthority,
    subjects: c.subjects,
    channels: joinList(c.channels),
    processing_time_text: c.processingTimeText,
    processing_days: time?.value ?? null,
    time_unit: time ? (timeUnitToSource[time.unit] ?? time.unit) : null,
    fee_text: c.feeText,
    fee_vnd: direct?.feeVnd ?? null,
    methods: c.methods
      .map((m) => [m.channel, m.timeText ?? '', m.feeText ?? '', m.description ?? ''].map(escapePart).join(' | '))
      .join('; '),
    documents: c.documents
      .map((d) =>
        [d.name, d.quantityText ?? '', ...d.forms, ...(d.group ? [`#${d.group}`] : [])].map(escapePart).join(' | '),
      )
      .join('; '),
    document_notes: joinList(c.documentNotes),
    conditions: c.conditions,
    result: c.resultType,
    result_codes: joinList(c.resultCodes),
    legal_basis: joinList(c.legalBasis),
    decision_no: c.publicationDecisionNo,
    procedure_type: c.procedureType,
    online_level: c.onlineLevel,
    full_online_eligible: c.fullOnlineEligible === null ? null : String(c.fullOnlineEligible),
    cutoff_time: c.cutoffTime,
    supplement_clock_mode: c.supplementClockMode,
    excluded_periods: joinList(c.excludedPeriods),
    parse_warnings: joinList(parseWarnings),
  };
}
