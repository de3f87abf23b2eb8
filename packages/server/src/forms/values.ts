/**
 * The named values a template's field list can print. A template refers to them by key, so its fields,
 * labels and order are data (spec §13: field lists are (likely) and the 2025 Mẫu 05 layout is unconfirmed).
 */
import type { FormData, UnitInfo } from './formData';
import type { FormSet } from './model';
import { BLANK, dateVN, durationText, longDateVN, moneyVN, timeDateVN } from './format';

export const valueKeys = [
  'dossierCode',
  'unitName',
  'receivingOffice',
  'resultPlace',
  'competentBody',
  'coordinatingBodies',
  'applicantName',
  'applicantIdNumber',
  'applicantBirthDate',
  'applicantAddress',
  'applicantPhone',
  'applicantEmail',
  'proxyName',
  'proxyIdNumber',
  'proxyAddress',
  'proxyPhone',
  'proxyEmail',
  'proxyAuthorisation',
  'requestContent',
  'procedureName',
  'procedureCode',
  'setCountText',
  'legalTime',
  'receivedAt',
  'receivedDate',
  'receivedLongDate',
  'dueAt',
  'dueDate',
  'originalDueAt',
  'fees',
  'trackingBookVolume',
  'trackingBookEntry',
  'receiptNumber',
  'receivedByName',
  'guideName',
  'contactName',
  'contactPhone',
  'supplementReason',
  'supplementRestartNote',
  'refusalByName',
  'apologyReason',
  'apologyPreviousDue',
  'apologyNewDue',
  'apologyNewDueDate',
  'apologySigner',
  'apologyNumber',
  'stopRequest',
  'stopStage',
  'stopDecision',
  'stopReason',
  'stopLegalGround',
  'stopFees',
  'stopNumber',
  'stopByName',
] as const;
export type ValueKey = (typeof valueKeys)[number];

export const listKeys = ['papers', 'supplementItems', 'refusalReasons'] as const;
export type ListKey = (typeof listKeys)[number];

/** The instant a form is dated with. */
export const dateKeys = ['receivedAt', 'supplementAt', 'refusalAt', 'apologyAt', 'stopAt', 'printedAt'] as const;
export type DateKey = (typeof dateKeys)[number];

const serviceUnitTypes = new Set(['SERVICE_CENTRE', 'SERVICE_POINT']);

/** "Bộ phận Tiếp nhận và Trả kết quả Xã Mê Linh", or the service centre / point by its own name. */
export function receivingOfficeOf(unit: UnitInfo): string {
  return serviceUnitTypes.has(unit.type) ? unit.name : `Bộ phận Tiếp nhận và Trả kết quả ${unit.name}`;
}

/** The suffix of the 2025 document numbers: the centre (TTPVHCC) or the reception desk (BPTNTKQ) (unconfirmed). */
export function officeAbbreviation(unit: UnitInfo): string {
  return serviceUnitTypes.has(unit.type) ? 'TTPVHCC' : 'BPTNTKQ';
}

function birthDate(s: string | null): string | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : s;
}

function stopRequestText(stop: NonNullable<FormData['stop']>): string {
  if (stop.withdrawal)
    return `Ngày ${dateVN(stop.withdrawal.at)}, người nộp hồ sơ đề nghị rút hồ sơ${
      stop.withdrawal.reason ? ` (lý do: ${stop.withdrawal.reason})` : ''
    }.`;
  if (stop.cause === 'SUPPLEMENT_NOT_COMPLETED')
    return 'Hồ sơ không được bổ sung, hoàn thiện trong thời hạn theo quy định.';
  return stop.legalGround ? `Dừng giải quyết theo căn cứ: ${stop.legalGround}.` : 'Dừng giải quyết theo quy định.';
}

function stopFeesText(stop: NonNullable<FormData['stop']>): string {
  if (stop.fees.length === 0) return 'Không phát sinh phí, lệ phí.';
  const lines = stop.fees.map((f) => `${f.name}: ${moneyVN(f.amount)}`).join('; ');
  const status =
    stop.feesPaid === true
      ? 'đã nộp; việc hoàn trả (nếu có) thực hiện theo quy định'
      : stop.feesPaid === false
        ? 'chưa nộp; không phải nộp'
        : 'theo quy định';
  return `${lines} (${status}).`;
}

export interface FormValues {
  text: Record<ValueKey, string | null>;
  lists: Record<ListKey, string[]>;
  dates: Record<DateKey, number | null>;
}

export function formValues(d: FormData, set: FormSet, printedAt: number): FormValues {
  const a = d.applicant;
  const office = receivingOfficeOf(d.unit);
  const sup = d.supplement;
  const apo = d.apology;
  const stop = d.stop;
  const text: Record<ValueKey, string | null> = {
    dossierCode: d.dossier.code,
    unitName: d.unit.name,
    receivingOffice: office,
    resultPlace: office,
    competentBody: d.procedure.competentBody ?? d.unit.name,
    coordinatingBodies: d.coordinatingBodies.length ? d.coordinatingBodies.join('; ') : null,
    applicantName: a.name,
    applicantIdNumber: a.idNumber,
    applicantBirthDate: birthDate(a.birthDate),
    applicantAddress: a.address,
    applicantPhone: a.phone,
    applicantEmail: a.email,
    proxyName: a.proxy?.name ?? null,
    proxyIdNumber: a.proxy?.idNumber ?? null,
    proxyAddress: a.proxy?.address ?? null,
    proxyPhone: a.proxy?.phone ?? null,
    proxyEmail: a.proxy?.email ?? null,
    proxyAuthorisation: a.proxy?.authorisationRef ?? null,
    requestContent: d.dossier.summary ?? d.procedure.name,
    procedureName: d.procedure.name,
    procedureCode: d.procedure.code,
    setCountText: `${d.dossier.setCount} (bộ)`,
    legalTime: durationText(d.dossier.timeLimit),
    receivedAt: timeDateVN(d.dossier.receivedAt),
    receivedDate: dateVN(d.dossier.receivedAt),
    receivedLongDate: d.dossier.receivedAt === null ? null : longDateVN(d.dossier.receivedAt),
    // Due instants: a calendar-day period prints 24:00 of its last day, not 00:00 of the next.
    dueAt: timeDateVN(d.dossier.dueAt, true),
    dueDate: dateVN(d.dossier.dueAt, true),
    originalDueAt: timeDateVN(d.dossier.originalDueAt, true),
    fees: d.procedure.feeText,
    trackingBookVolume: null,
    trackingBookEntry: null,
    receiptNumber: null,
    receivedByName: d.receivedBy?.name ?? null,
    guideName: sup?.byName ?? d.receivedBy?.name ?? null,
    contactName: sup?.byName ?? d.receivedBy?.name ?? null,
    contactPhone: sup?.byPhone ?? null,
    supplementReason: sup?.reason ?? null,
    supplementRestartNote:
      sup && sup.stage === 'PROCESSING' && sup.mode === 'RESTART'
        ? 'Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ.'
        : null,
    refusalByName: d.refusal?.byName ?? d.receivedBy?.name ?? null,
    apologyReason: apo?.reason ?? null,
    apologyPreviousDue: apo ? timeDateVN(apo.previousDueAt, true) : null,
    apologyNewDue: apo ? (apo.dateOnly ? `ngày ${dateVN(apo.newDueAt, true)}` : timeDateVN(apo.newDueAt, true)) : null,
    apologyNewDueDate: apo ? dateVN(apo.newDueAt, true) : null,
    apologySigner: apo?.signerName ?? null,
    apologyNumber: apo?.letterNumber ?? null,
    stopRequest: stop ? stopRequestText(stop) : null,
    stopStage: stop?.stage ?? null,
    stopDecision: stop ? `Dừng giải quyết hồ sơ kể từ ${longDateVN(stop.at)}.` : null,
    stopReason: stop?.reason ?? null,
    stopLegalGround: stop?.legalGround ?? null,
    stopFees: stop ? stopFeesText(stop) : null,
    stopNumber: stop?.stopNoticeNumber ?? null,
    stopByName: stop?.byName ?? null,
  };
  // The 2025 letter restates the appointment of the receipt slip (spec §13.2 Mẫu 04).
  if (set === '2025' && apo && d.dossier.originalDueAt !== null)
    text.apologyPreviousDue = timeDateVN(d.dossier.originalDueAt, true);
  const lists: Record<ListKey, string[]> = {
    papers: d.dossier.papers.map(
      (p) =>
        `${p.name}${p.kind || p.copies ? ` (${[p.kind, p.copies ? `số lượng: ${p.copies}` : null].filter(Boolean).join(', ')})` : ''}`,
    ),
    supplementItems: sup?.items ?? [],
    refusalReasons: d.refusal?.reasons ?? [],
  };
  const dates: Record<DateKey, number | null> = {
    receivedAt: d.dossier.receivedAt,
    supplementAt: sup?.at ?? null,
    refusalAt: d.refusal?.at ?? null,
    apologyAt: apo?.at ?? null,
    stopAt: stop?.at ?? null,
    printedAt,
  };
  return { text, lists, dates };
}

/** Replaces {key} by its value, or by dots to fill in by hand. */
export function interpolate(template: string, values: FormValues['text']): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? (values[k as ValueKey] ?? BLANK) : `{${k}}`));
}
