import type { Dayjs } from 'dayjs';
import { fromIsoDate, toIsoDate } from '../../../format';
import type {
  Channel,
  DocumentKind,
  ExcludedPeriod,
  OnlineLevel,
  ProcedureDetail,
  ProcedureLevel,
  ProcedureVersionInput,
  SupplementMode,
  TimeUnit,
} from '../../../api/catalog';
import { lines, textOrNull } from './labels';

export interface MethodValues {
  channel: Channel;
  time?: { value?: number | null; unit?: TimeUnit | null };
  timeText?: string;
  feeVnd?: number | null;
  feeNote?: string;
  feeText?: string;
  description?: string;
}
export interface DocumentValues {
  name: string;
  kind?: DocumentKind | null;
  originals?: number | null;
  copies?: number | null;
  quantityText?: string;
  forms?: string[];
  group?: string;
}
export interface ProcedureFormValues {
  name: string;
  field: string;
  levels: ProcedureLevel[];
  levelText?: string;
  agency?: string;
  competentAuthority?: string;
  subjects?: string;
  procedureType?: string;
  methods: MethodValues[];
  processingTimeText?: string;
  feeText?: string;
  documents: DocumentValues[];
  documentNotes?: string;
  conditions?: string;
  resultType?: string;
  resultCodes?: string[];
  legalBasis?: string;
  onlineLevel: OnlineLevel | 'UNKNOWN';
  fullOnlineEligible: 'yes' | 'no' | 'unknown';
  cutoffTime?: string;
  supplementClockMode: SupplementMode;
  excludedPeriods: ExcludedPeriod[];
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  publicationDecisionNo?: string;
  publicationDecisionDate?: Dayjs | null;
  unitIds: string[];
}

export const FORM_FIELDS = [
  'name',
  'field',
  'levels',
  'levelText',
  'agency',
  'competentAuthority',
  'subjects',
  'procedureType',
  'methods',
  'processingTimeText',
  'feeText',
  'documents',
  'documentNotes',
  'conditions',
  'resultType',
  'resultCodes',
  'legalBasis',
  'onlineLevel',
  'fullOnlineEligible',
  'cutoffTime',
  'supplementClockMode',
  'excludedPeriods',
  'effectiveFrom',
  'effectiveTo',
  'publicationDecisionNo',
  'publicationDecisionDate',
  'unitIds',
];
/** Edited as one textarea or tag list: item errors go on the field. */
export const COLLAPSED_FIELDS = ['documentNotes', 'legalBasis', 'resultCodes', 'unitIds', 'levels', 'excludedPeriods'];

export function toFormValues(p: ProcedureDetail): ProcedureFormValues {
  return {
    name: p.name,
    field: p.field,
    levels: p.levels,
    levelText: p.levelText ?? '',
    agency: p.agency ?? '',
    competentAuthority: p.competentAuthority ?? '',
    subjects: p.subjects ?? '',
    procedureType: p.procedureType ?? '',
    methods: p.methods.map((m) => ({
      channel: m.channel,
      time: { value: m.time?.value ?? null, unit: m.time?.unit ?? null },
      timeText: m.timeText ?? '',
      feeVnd: m.feeVnd,
      feeNote: m.feeNote ?? '',
      feeText: m.feeText ?? '',
      description: m.description ?? '',
    })),
    processingTimeText: p.processingTimeText ?? '',
    feeText: p.feeText ?? '',
    documents: p.documents.map((d) => ({ ...d, quantityText: d.quantityText ?? '', group: d.group ?? '' })),
    documentNotes: p.documentNotes.join('\n'),
    conditions: p.conditions ?? '',
    resultType: p.resultType ?? '',
    resultCodes: p.resultCodes,
    legalBasis: p.legalBasis.join('\n'),
    onlineLevel: p.onlineLevel ?? 'UNKNOWN',
    fullOnlineEligible: p.fullOnlineEligible === null ? 'unknown' : p.fullOnlineEligible ? 'yes' : 'no',
    cutoffTime: p.cutoffTime ?? '',
    supplementClockMode: p.supplementClockMode,
    excludedPeriods: p.excludedPeriods,
    effectiveFrom: fromIsoDate(p.currentVersion.effectiveFrom)!,
    effectiveTo: fromIsoDate(p.currentVersion.effectiveTo) ?? null,
    publicationDecisionNo: p.currentVersion.publicationDecisionNo ?? '',
    publicationDecisionDate: fromIsoDate(p.currentVersion.publicationDecisionDate) ?? null,
    unitIds: [],
  };
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function toVersionInput(v: ProcedureFormValues): ProcedureVersionInput {
  return {
    name: v.name.trim().normalize('NFC'),
    field: v.field.trim().normalize('NFC'),
    levels: v.levels,
    levelText: textOrNull(v.levelText),
    agency: textOrNull(v.agency),
    competentAuthority: textOrNull(v.competentAuthority),
    subjects: textOrNull(v.subjects),
    procedureType: textOrNull(v.procedureType),
    methods: (v.methods ?? []).map((m) => ({
      channel: m.channel,
      time: num(m.time?.value) !== null && m.time?.unit ? { value: m.time.value!, unit: m.time.unit } : null,
      timeText: textOrNull(m.timeText),
      feeVnd: num(m.feeVnd),
      feeNote: textOrNull(m.feeNote),
      feeText: textOrNull(m.feeText),
      description: textOrNull(m.description),
    })),
    processingTimeText: textOrNull(v.processingTimeText),
    feeText: textOrNull(v.feeText),
    documents: (v.documents ?? []).map((d) => ({
      name: d.name.trim().normalize('NFC'),
      kind: d.kind ?? null,
      originals: num(d.originals),
      copies: num(d.copies),
      quantityText: textOrNull(d.quantityText),
      forms: (d.forms ?? []).map((f) => f.trim().normalize('NFC')).filter(Boolean),
      group: textOrNull(d.group),
    })),
    documentNotes: lines(v.documentNotes),
    conditions: textOrNull(v.conditions),
    resultType: textOrNull(v.resultType),
    resultCodes: (v.resultCodes ?? []).map((c) => c.trim()).filter(Boolean),
    legalBasis: lines(v.legalBasis),
    onlineLevel: v.onlineLevel === 'UNKNOWN' ? null : v.onlineLevel,
    fullOnlineEligible: v.fullOnlineEligible === 'unknown' ? null : v.fullOnlineEligible === 'yes',
    cutoffTime: textOrNull(v.cutoffTime),
    supplementClockMode: v.supplementClockMode,
    excludedPeriods: v.excludedPeriods ?? [],
    effectiveFrom: toIsoDate(v.effectiveFrom),
    effectiveTo: v.effectiveTo ? toIsoDate(v.effectiveTo) : null,
    publicationDecisionNo: textOrNull(v.publicationDecisionNo),
    publicationDecisionDate: v.publicationDecisionDate ? toIsoDate(v.publicationDecisionDate) : null,
    unitIds: v.unitIds ?? [],
  };
}
