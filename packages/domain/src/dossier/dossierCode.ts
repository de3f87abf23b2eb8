/**
 * Dossier code (mã hồ sơ, spec §12.1): `<identifier>-YYMMDD-NNNN`, Circular 01/2018/TT-VPCP Art. 19.
 * The 2025 regime keeps the shape (its exact format is unconfirmed) but puts the deciding agency's
 * identifier first; centralised national services (Circular 04/2025) reverse the identifier groups and
 * allow longer sequences. We format the standard shape, accept both on import, and never read meaning
 * into the identifier. The per-unit daily counter is the server's job.
 */
import { isValidLocalDate } from '../calendar/index.js';
import { unitCodePattern } from '../units/unitCode';

/** §12.1 regex, the standard shape. */
export const dossierCodePattern = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}-\d{6}-\d{4}$/;
/** Any identifier of up to 35 [0-9A-Z.] characters (Decision 20/2020), a date, a sequence of 4+ characters. */
const importPattern = /^([0-9A-Z]+(?:\.[0-9A-Z]+)*)-(\d{6})-([0-9A-Z]{4,8})$/;

export interface DossierCodeFormat {
  id: string;
  identifierPattern: RegExp;
  sequenceDigits: number;
  /** Beyond 10^digits − 1 a day (unconfirmed): refuse, or widen the number. */
  overflow: 'ERROR' | 'WIDEN';
}

export const STANDARD_DOSSIER_CODE_FORMAT: DossierCodeFormat = {
  id: 'TT01_2018',
  identifierPattern: unitCodePattern,
  sequenceDigits: 4,
  overflow: 'ERROR',
};

export type FormatDossierCodeResult =
  | { ok: true; code: string }
  | { ok: false; code: 'DOSSIER_CODE_INVALID' | 'DOSSIER_CODE_SEQUENCE_OVERFLOW'; field: string };

/** `localDate` is the real receipt date in Asia/Ho_Chi_Minh ('YYYY-MM-DD'), a Saturday included. */
export function formatDossierCode(
  unitCode: string,
  localDate: string,
  sequence: number,
  format: DossierCodeFormat = STANDARD_DOSSIER_CODE_FORMAT,
): FormatDossierCodeResult {
  if (!format.identifierPattern.test(unitCode)) return { ok: false, code: 'DOSSIER_CODE_INVALID', field: 'unitCode' };
  if (!isValidLocalDate(localDate) || !localDate.startsWith('20'))
    return { ok: false, code: 'DOSSIER_CODE_INVALID', field: 'localDate' };
  if (!Number.isInteger(sequence) || sequence < 0)
    return { ok: false, code: 'DOSSIER_CODE_INVALID', field: 'sequence' };
  const max = 10 ** format.sequenceDigits - 1;
  if (sequence > max && format.overflow === 'ERROR')
    return { ok: false, code: 'DOSSIER_CODE_SEQUENCE_OVERFLOW', field: 'sequence' };
  const yymmdd = localDate.slice(2, 4) + localDate.slice(5, 7) + localDate.slice(8, 10);
  return { ok: true, code: `${unitCode}-${yymmdd}-${String(sequence).padStart(format.sequenceDigits, '0')}` };
}

/**
 * The code a reception is decided with before its number is taken: sequence 0, which the daily counter (from 1)
 * never hands out. The statement that writes the dossier takes the number and puts the real code, `prefix` and
 * the number, wherever this one stands; so the counter is held only inside that statement.
 */
export function dossierCodeStandIn(
  unitCode: string,
  localDate: string,
  format: DossierCodeFormat = STANDARD_DOSSIER_CODE_FORMAT,
): { ok: true; code: string; prefix: string } | Extract<FormatDossierCodeResult, { ok: false }> {
  const r = formatDossierCode(unitCode, localDate, 0, format);
  return r.ok ? { ok: true, code: r.code, prefix: r.code.slice(0, -format.sequenceDigits) } : r;
}

export interface ParsedDossierCode {
  identifier: string;
  /** 'YYYY-MM-DD' (20YY). */
  localDate: string;
  sequence: string;
  /** STANDARD = the §12.1 regex; OTHER = an accepted import shape (e.g. Circular 04/2025). */
  shape: 'STANDARD' | 'OTHER';
}

export function parseDossierCode(code: string): ParsedDossierCode | undefined {
  const m = importPattern.exec(code);
  if (!m || m[1]!.length > 35) return undefined;
  const d = m[2]!;
  const localDate = `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
  if (!isValidLocalDate(localDate)) return undefined;
  return { identifier: m[1]!, localDate, sequence: m[3]!, shape: dossierCodePattern.test(code) ? 'STANDARD' : 'OTHER' };
}

/** Strict check of the standard shape, with a real date. */
export function isValidDossierCode(code: string): boolean {
  return dossierCodePattern.test(code) && parseDossierCode(code) !== undefined;
}
