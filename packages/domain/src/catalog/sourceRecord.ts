import type { FieldError } from '../errors';
import {
  DEFAULT_SUPPLEMENT_CLOCK_MODE,
  excludedPeriodKinds,
  isProcedureCode,
  onlineLevels,
  procedureChannels,
  sourceLevels,
  sourceTimeUnits,
  supplementClockModes,
  type DocumentKind,
  type ExcludedPeriodKind,
  type OnlineLevel,
  type ProcedureChannel,
  type ProcedureContent,
  type ProcedureDocument,
  type ProcedureLevel,
  type ProcedureMethod,
  type SupplementClockMode,
  type TimeLimit,
} from './types';

/** Keys of a record in the shape of procedures.json (shared/data/README.md), plus the catalogue's own settings. */
export const sourceRecordKeys = [
  'code',
  'name',
  'field',
  'level',
  'level_text',
  'agency',
  'competent_authority',
  'processing_time_text',
  'processing_days',
  'time_unit',
  'fee_text',
  'fee_vnd',
  'channels',
  'methods',
  'online_level',
  'documents',
  'document_notes',
  'result',
  'result_codes',
  'legal_basis',
  'decision_no',
  'procedure_type',
  'subjects',
  'source',
  'portal_url',
  'ministry_folder',
  'source_dataset',
  'retrieved_note',
  'parse_warnings',
  'processing_quantity',
  'conditions',
  'full_online_eligible',
  'cutoff_time',
  'supplement_clock_mode',
  'excluded_periods',
] as const;
const knownKeys = new Set<string>(sourceRecordKeys);

export interface NormalisedRecord {
  /** The record's code as given (or `#<index>` when it has none). */
  code: string;
  errors: FieldError[];
  warnings: string[];
  content: ProcedureContent | null;
  provenance: Record<string, unknown> | null;
}

const nfc = (s: string) => s.normalize('NFC').trim();

/** Vietnamese note used when the amount is set by the provincial People's Council. */
export const COUNCIL_FEE_NOTE = 'Mức thu do Hội đồng nhân dân cấp tỉnh quyết định';

const timePattern = /(\d+(?:[.,]\d+)?)\s*(ngày làm việc|giờ làm việc|ngày|giờ|tháng)/iu;

/** Parses "15 Ngày làm việc", "01 Giờ", "30 Ngày"; null when there is no number with a unit. */
export function parseTimeText(text: string | null | undefined): TimeLimit | null {
  if (!text) return null;
  const m = timePattern.exec(text.normalize('NFC'));
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  const word = m[2]!.toLowerCase();
  const unit =
    word === 'ngày làm việc'
      ? 'working_days'
      : word === 'giờ làm việc'
        ? 'working_hours'
        : word === 'ngày'
          ? 'calendar_days'
          : word === 'giờ'
            ? 'hours'
            : 'months';
  return value > 0 ? { value, unit } : null;
}

/** "1 bản chính,1 bản sao", "Bản chính: 1, Bản sao: 0", "1 bản sao" → counts. */
export function parseQuantity(text: string | null | undefined): { originals: number | null; copies: number | null } {
  if (!text) return { originals: null, copies: null };
  const t = text.normalize('NFC').toLowerCase();
  const num = (re: RegExp) => {
    const m = re.exec(t);
    return m ? Number(m[1]) : null;
  };
  const originals = num(/(\d+)\s*bản chính/u) ?? num(/bản chính\s*:\s*(\d+)/u);
  const copies = num(/(\d+)\s*bản (?:sao|chụp)/u) ?? num(/bản (?:sao|chụp)\s*:\s*(\d+)/u);
  return { originals, copies };
}

function documentKind(name: string, originals: number | null, copies: number | null): DocumentKind | null {
  const n = name.toLowerCase();
  const o = originals ?? 0;
  const c = copies ?? 0;
  if (o > 0 && c > 0) return 'ORIGINAL_AND_COPY';
  if (o > 0) return 'ORIGINAL';
  if (c > 0) {
    if (/chứng thực/u.test(n)) return 'CERTIFIED_COPY';
    if (/bản chụp/u.test(n)) return 'PHOTOCOPY';
    return 'COPY';
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Maps one record of procedures.json (or a CSV/XLSX row turned into that shape) to the catalogue's content.
 * Pure: errors make the record invalid; warnings (the record's own parse_warnings first) do not. Nothing is
 * guessed: an unknown online level stays null, a bare number without unit stays without a time.
 */
export function normaliseSourceRecord(raw: unknown, index: number): NormalisedRecord {
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const at = (f: string) => `records.${index}.${f}`;
  if (!isObject(raw)) {
    return {
      code: `#${index + 1}`,
      errors: [{ field: `records.${index}`, message: 'Bản ghi phải là một đối tượng JSON.' }],
      warnings,
      content: null,
      provenance: null,
    };
  }
  const str = (key: string, opts: { required?: boolean; max?: number } = {}): string | null => {
    const v = raw[key];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (opts.required) errors.push({ field: at(key), message: 'Không được để trống.' });
      return null;
    }
    if (typeof v !== 'string') {
      errors.push({ field: at(key), message: 'Phải là chuỗi ký tự.' });
      return null;
    }
    const s = nfc(v);
    if (opts.max && s.length > opts.max) errors.push({ field: at(key), message: `Tối đa ${opts.max} ký tự.` });
    return s;
  };
  const strList = (key: string): string[] => {
    const v = raw[key];
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return v.trim() ? [nfc(v)] : [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      errors.push({ field: at(key), message: 'Phải là danh sách chuỗi ký tự.' });
      return [];
    }
    return (v as string[]).map(nfc).filter(Boolean);
  };

  const sourceWarnings = raw.parse_warnings;
  if (Array.isArray(sourceWarnings)) for (const w of sourceWarnings) if (typeof w === 'string') warnings.push(w);
  for (const key of Object.keys(raw)) if (!knownKeys.has(key)) warnings.push(`unknown_field_ignored:${key}`);

  const codeRaw = raw.code;
  const code = typeof codeRaw === 'string' ? codeRaw.trim() : '';
  if (!code) errors.push({ field: at('code'), message: 'Thiếu mã thủ tục.' });
  else if (!isProcedureCode(code))
    errors.push({ field: at('code'), message: 'Mã thủ tục phải có dạng d.dddddd, ví dụ 1.001193.' });
  const name = str('name', { required: true, max: 2000 });
  const field = str('field', { required: true, max: 300 });

  // levels
  const levels: ProcedureLevel[] = [];
  const levelRaw = raw.level;
  const levelList =
    typeof levelRaw === 'string'
      ? levelRaw
          .split(/[;,]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : levelRaw;
  if (!Array.isArray(levelList) || levelList.length === 0)
    errors.push({ field: at('level'), message: 'Cần ít nhất một cấp thực hiện (tinh, xa, bo, khac).' });
  else
    for (const l of levelList) {
      const mapped =
        typeof l === 'string'
          ? (sourceLevels[l.toLowerCase()] ??
            (['PROVINCE', 'COMMUNE', 'MINISTRY', 'OTHER'].includes(l) ? (l as ProcedureLevel) : undefined))
          : undefined;
      if (!mapped) errors.push({ field: at('level'), message: `Cấp thực hiện không hợp lệ: ${String(l)}.` });
      else if (!levels.includes(mapped)) levels.push(mapped);
    }

  // channels
  const channels: ProcedureChannel[] = [];
  for (const c of strList('channels')) {
    const ch = c.toLowerCase() as ProcedureChannel;
    if (!procedureChannels.includes(ch))
      errors.push({ field: at('channels'), message: `Cách thức không hợp lệ: ${c} (direct, online, postal).` });
    else if (!channels.includes(ch)) channels.push(ch);
  }

  // overall time
  let time: TimeLimit | null = null;
  const days = raw.processing_days;
  const unitRaw = raw.time_unit;
  if (days !== undefined && days !== null) {
    if (typeof days !== 'number' || !Number.isFinite(days))
      errors.push({ field: at('processing_days'), message: 'Thời hạn phải là một số.' });
    else if (days < 0) errors.push({ field: at('processing_days'), message: 'Thời hạn giải quyết không được âm.' });
    else if (unitRaw === undefined || unitRaw === null || unitRaw === '') {
      if (!warnings.includes('time_unit_missing_in_source')) warnings.push('time_unit_missing_in_source');
    } else if (typeof unitRaw !== 'string' || !sourceTimeUnits[unitRaw])
      errors.push({ field: at('time_unit'), message: `Đơn vị thời hạn không hợp lệ: ${String(unitRaw)}.` });
    else if (days > 0) time = { value: days, unit: sourceTimeUnits[unitRaw]! };
  } else if (typeof unitRaw === 'string' && unitRaw && !sourceTimeUnits[unitRaw]) {
    errors.push({ field: at('time_unit'), message: `Đơn vị thời hạn không hợp lệ: ${unitRaw}.` });
  }

  // overall fee
  const feeText = str('fee_text');
  let feeVnd: number | null = null;
  const feeRaw = raw.fee_vnd;
  if (feeRaw !== undefined && feeRaw !== null) {
    if (typeof feeRaw !== 'number' || !Number.isFinite(feeRaw))
      errors.push({ field: at('fee_vnd'), message: 'Lệ phí phải là một số (đồng).' });
    else if (feeRaw < 0) errors.push({ field: at('fee_vnd'), message: 'Lệ phí không được âm.' });
    else feeVnd = Math.round(feeRaw);
  }
  const councilSets = (t: string | null) => !!t && /Hội đồng nhân dân|HĐND/u.test(t);
  const feeNoteFor = (t: string | null) => (councilSets(t) ? COUNCIL_FEE_NOTE : null);

  // per-channel methods
  const processingTimeText = str('processing_time_text');
  const methodsRaw = raw.methods;
  const methods: ProcedureMethod[] = [];
  const differsTime = warnings.includes('processing_time_differs_by_channel');
  const differsFee = warnings.includes('fee_differs_by_channel');
  if (methodsRaw !== undefined && methodsRaw !== null && !Array.isArray(methodsRaw))
    errors.push({ field: at('methods'), message: 'Phải là danh sách.' });
  const given = Array.isArray(methodsRaw) ? methodsRaw : [];
  given.forEach((m, i) => {
    if (!isObject(m) || typeof m.channel !== 'string' || !procedureChannels.includes(m.channel as ProcedureChannel)) {
      errors.push({ field: at(`methods.${i}.channel`), message: 'Cách thức không hợp lệ (direct, online, postal).' });
      return;
    }
    const ch = m.channel as ProcedureChannel;
    const timeText = typeof m.time_text === 'string' && m.time_text.trim() ? nfc(m.time_text) : null;
    const fText = typeof m.fee_text === 'string' && m.fee_text.trim() ? nfc(m.fee_text) : null;
    const parsed = parseTimeText(timeText);
    const channelTime = differsTime ? parsed : (time ?? null);
    const free = !!fText && /^miễn phí/iu.test(fText) && !councilSets(fText);
    const channelFee = differsFee ? (free ? 0 : null) : feeVnd;
    if (!channels.includes(ch)) channels.push(ch);
    if (methods.some((x) => x.channel === ch)) return;
    methods.push({
      channel: ch,
      time: channelTime,
      timeText,
      feeVnd: channelFee,
      feeNote: feeNoteFor(fText) ?? feeNoteFor(feeText),
      feeText: fText,
      description: typeof m.description === 'string' && m.description.trim() ? nfc(m.description) : null,
    });
  });
  for (const ch of channels)
    if (!methods.some((m) => m.channel === ch))
      methods.push({
        channel: ch,
        time,
        timeText: processingTimeText,
        feeVnd,
        feeNote: feeNoteFor(feeText),
        feeText,
        description: null,
      });
  methods.sort((a, b) => procedureChannels.indexOf(a.channel) - procedureChannels.indexOf(b.channel));

  // documents
  const documents: ProcedureDocument[] = [];
  const docsRaw = raw.documents;
  if (docsRaw !== undefined && docsRaw !== null && !Array.isArray(docsRaw))
    errors.push({ field: at('documents'), message: 'Phải là danh sách giấy tờ.' });
  (Array.isArray(docsRaw) ? docsRaw : []).forEach((d, i) => {
    if (!isObject(d) || typeof d.name !== 'string' || !d.name.trim()) {
      errors.push({ field: at(`documents.${i}.name`), message: 'Giấy tờ phải có tên.' });
      return;
    }
    const quantityText = typeof d.quantity_text === 'string' && d.quantity_text.trim() ? nfc(d.quantity_text) : null;
    const q = parseQuantity(quantityText);
    const forms = Array.isArray(d.forms)
      ? d.forms.filter((f): f is string => typeof f === 'string' && !!f.trim()).map(nfc)
      : [];
    const docName = nfc(d.name);
    documents.push({
      name: docName,
      kind: documentKind(docName, q.originals, q.copies),
      originals: q.originals,
      copies: q.copies,
      quantityText,
      forms,
      group: typeof d.group === 'string' && d.group.trim() ? nfc(d.group) : null,
    });
  });
  const documentNotes = (Array.isArray(raw.document_notes) ? raw.document_notes : [])
    .map((n) => (typeof n === 'string' ? n : isObject(n) && typeof n.name === 'string' ? n.name : null))
    .filter((n): n is string => !!n && !!n.trim())
    .map(nfc);

  // catalogue settings (not in the source data: defaults, never guessed)
  let onlineLevel: OnlineLevel | null = null;
  const ol = raw.online_level;
  if (ol !== undefined && ol !== null && ol !== '') {
    if (typeof ol === 'string' && onlineLevels.includes(ol.toUpperCase() as OnlineLevel))
      onlineLevel = ol.toUpperCase() as OnlineLevel;
    else
      errors.push({
        field: at('online_level'),
        message: 'Mức độ trực tuyến phải là FULL, PARTIAL hoặc NONE (hoặc để trống).',
      });
  }
  let fullOnlineEligible: boolean | null = null;
  const foe = raw.full_online_eligible;
  if (typeof foe === 'boolean') fullOnlineEligible = foe;
  else if (foe !== undefined && foe !== null && foe !== '')
    errors.push({ field: at('full_online_eligible'), message: 'Phải là true hoặc false.' });
  const cutoff = str('cutoff_time');
  if (cutoff && !/^([01]\d|2[0-3]):[0-5]\d$/.test(cutoff))
    errors.push({ field: at('cutoff_time'), message: 'Giờ tiếp nhận cuối phải có dạng HH:MM, ví dụ 15:00.' });
  const scm = str('supplement_clock_mode');
  let supplementClockMode: SupplementClockMode = DEFAULT_SUPPLEMENT_CLOCK_MODE;
  if (scm) {
    if (supplementClockModes.includes(scm.toUpperCase() as SupplementClockMode))
      supplementClockMode = scm.toUpperCase() as SupplementClockMode;
    else errors.push({ field: at('supplement_clock_mode'), message: 'Phải là PAUSE hoặc RESTART.' });
  }
  const excludedPeriods: ExcludedPeriodKind[] = [];
  for (const e of strList('excluded_periods')) {
    if (excludedPeriodKinds.includes(e as ExcludedPeriodKind)) excludedPeriods.push(e as ExcludedPeriodKind);
    else errors.push({ field: at('excluded_periods'), message: `Loại thời gian không tính không hợp lệ: ${e}.` });
  }

  const provenance: Record<string, unknown> = {};
  for (const k of ['source', 'portal_url', 'ministry_folder', 'source_dataset', 'retrieved_note'])
    if (typeof raw[k] === 'string') provenance[k] = raw[k];

  const extra = {
    levelText: str('level_text'),
    agency: str('agency'),
    competentAuthority: str('competent_authority'),
    subjects: str('subjects'),
    conditions: str('conditions'),
    resultType: str('result'),
    resultCodes: strList('result_codes'),
    legalBasis: strList('legal_basis'),
    publicationDecisionNo: str('decision_no'),
    procedureType: str('procedure_type'),
  };
  const valid = errors.length === 0;
  return {
    code: code || `#${index + 1}`,
    errors,
    warnings,
    provenance: Object.keys(provenance).length ? provenance : null,
    content: valid
      ? {
          code,
          name: name!,
          field: field!,
          levels,
          ...extra,
          channels: methods.map((m) => m.channel),
          methods,
          processingTimeText,
          feeText,
          documents,
          documentNotes,
          onlineLevel,
          fullOnlineEligible,
          cutoffTime: cutoff,
          supplementClockMode,
          excludedPeriods,
        }
      : null,
  };
}

/** Validates a whole batch: every record, plus codes repeated within the batch. */
export function normaliseBatch(records: readonly unknown[]): NormalisedRecord[] {
  const out = records.map((r, i) => normaliseSourceRecord(r, i));
  const seen = new Map<string, number>();
  out.forEach((r, i) => {
    if (!r.content) return;
    const first = seen.get(r.code);
    if (first !== undefined) {
      r.errors.push({
        field: `records.${i}.code`,
        message: `Mã thủ tục ${r.code} đã xuất hiện ở bản ghi số ${first + 1}.`,
      });
      r.content = null;
    } else seen.set(r.code, i);
  });
  return out;
}
