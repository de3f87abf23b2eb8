/**
 * Statutory holiday rules, versioned by effective date. They only produce
 * DEFAULTS for years (or occasions) that no loaded notice decides: the Prime
 * Minister fixes Tết and the second National Day day each year.
 */
import { lunarNewYearsEve, lunarToSolar } from './lunar.js';
import { CalendarError } from './errors.js';
import { daysFromCivil, formatLocalDate, isoWeekday, parseLocalDate, type LocalDate } from './localTime.js';
import type { HolidayOccasion, ScheduleEntry } from './types.js';

export type HolidayRule =
  | { occasion: HolidayOccasion; kind: 'FIXED'; month: number; day: number; name: string; effectiveFrom?: LocalDate }
  | { occasion: 'LUNAR_NEW_YEAR'; kind: 'LUNAR_NEW_YEAR'; days: number; name: string }
  | { occasion: HolidayOccasion; kind: 'LUNAR'; month: number; day: number; name: string }
  | { occasion: 'NATIONAL_DAY'; kind: 'NATIONAL_DAY'; days: 1 | 2; name: string };

export interface StatutoryRuleSet {
  id: string;
  /** Citation written into the `source` of generated entries. */
  source: string;
  effectiveFrom: LocalDate;
  rules: HolidayRule[];
}

/** Labour Code 10/2012/QH13 Art. 115: 10 days (Tết 5, National Day 1). */
export const LABOUR_CODE_2012: StatutoryRuleSet = {
  id: 'LC2012',
  source: 'Bộ luật Lao động 10/2012/QH13, Điều 115 (mặc định theo luật, chưa có thông báo năm)',
  effectiveFrom: '2013-05-01',
  rules: [
    { occasion: 'NEW_YEAR', kind: 'FIXED', month: 1, day: 1, name: 'Tết Dương lịch' },
    { occasion: 'LUNAR_NEW_YEAR', kind: 'LUNAR_NEW_YEAR', days: 5, name: 'Tết Âm lịch' },
    { occasion: 'HUNG_KINGS_DAY', kind: 'LUNAR', month: 3, day: 10, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { occasion: 'VICTORY_DAY', kind: 'FIXED', month: 4, day: 30, name: 'Ngày Chiến thắng (30/4)' },
    { occasion: 'LABOUR_DAY', kind: 'FIXED', month: 5, day: 1, name: 'Ngày Quốc tế Lao động (1/5)' },
    { occasion: 'NATIONAL_DAY', kind: 'NATIONAL_DAY', days: 1, name: 'Quốc khánh' },
  ],
};

/** Labour Code 45/2019/QH14 Art. 112 (from 2021), with 24/11 added by Resolution 28/2026/QH16. */
export const LABOUR_CODE_2019: StatutoryRuleSet = {
  id: 'LC2019',
  source: 'Bộ luật Lao động 45/2019/QH14, Điều 112 (mặc định theo luật, chưa có thông báo năm)',
  effectiveFrom: '2021-01-01',
  rules: [
    { occasion: 'NEW_YEAR', kind: 'FIXED', month: 1, day: 1, name: 'Tết Dương lịch' },
    { occasion: 'LUNAR_NEW_YEAR', kind: 'LUNAR_NEW_YEAR', days: 5, name: 'Tết Âm lịch' },
    { occasion: 'HUNG_KINGS_DAY', kind: 'LUNAR', month: 3, day: 10, name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { occasion: 'VICTORY_DAY', kind: 'FIXED', month: 4, day: 30, name: 'Ngày Chiến thắng (30/4)' },
    { occasion: 'LABOUR_DAY', kind: 'FIXED', month: 5, day: 1, name: 'Ngày Quốc tế Lao động (1/5)' },
    { occasion: 'NATIONAL_DAY', kind: 'NATIONAL_DAY', days: 2, name: 'Quốc khánh' },
    {
      occasion: 'VIETNAM_CULTURE_DAY',
      kind: 'FIXED',
      month: 11,
      day: 24,
      name: 'Ngày Văn hóa Việt Nam (24/11)',
      effectiveFrom: '2026-07-01',
    },
  ],
};

/** Ordered by effective date. Years before the earliest set fall back to it (earlier codes are not modelled). */
export const STATUTORY_RULE_SETS: readonly StatutoryRuleSet[] = [LABOUR_CODE_2012, LABOUR_CODE_2019];

export interface HolidayRuleOptions {
  /**
   * How many of the 5 Tết days precede lunar 1/1. Default 1: the last day of
   * the lunar year plus mùng 1–4 (the 2026 pattern; 2024–2025 used 2).
   */
  tetDaysBeforeNewYear?: number;
  /**
   * Which day joins 2/9 under the 2019 Code. Default 'AUTO': the adjacent
   * weekday; if both are weekdays, the one touching a weekend; else 1/9.
   * Reproduces the 2024 (3/9), 2025 and 2026 (1/9) notices.
   */
  nationalDayAdjacent?: 'AUTO' | 'BEFORE' | 'AFTER';
  /** Art. 111(3) LC2019 / Art. 115(3) LC2012: a holiday on a weekend is compensated. Default true. */
  compensateWeekendHolidays?: boolean;
  /**
   * Whether 24/11 on a weekend is compensated (unconfirmed — first matters in
   * 2029). Default true: it is a paid holiday like the others of Art. 112.
   */
  cultureDayCompensation?: boolean;
  /** Override the rule sets (e.g. to model a future amendment). */
  ruleSets?: readonly StatutoryRuleSet[];
}

export const DEFAULT_HOLIDAY_RULE_OPTIONS: Required<Omit<HolidayRuleOptions, 'ruleSets'>> = {
  tetDaysBeforeNewYear: 1,
  nationalDayAdjacent: 'AUTO',
  compensateWeekendHolidays: true,
  cultureDayCompensation: true,
};

/** The rule set in force on 1 January of `year` (or the earliest one). */
export function ruleSetForYear(
  year: number,
  sets: readonly StatutoryRuleSet[] = STATUTORY_RULE_SETS,
): StatutoryRuleSet {
  const jan1 = daysFromCivil(year, 1, 1);
  let chosen: StatutoryRuleSet | undefined;
  for (const s of sets) {
    if (parseLocalDate(s.effectiveFrom) <= jan1 && (!chosen || s.effectiveFrom > chosen.effectiveFrom)) chosen = s;
  }
  if (!chosen) {
    for (const s of sets) if (!chosen || s.effectiveFrom < chosen.effectiveFrom) chosen = s;
  }
  if (!chosen) throw new CalendarError('CALENDAR_INVALID_OPTION', 'no statutory rule set configured');
  return chosen;
}

function isWeekend(day: number): boolean {
  return isoWeekday(day) >= 6;
}

function nationalDayPartner(year: number, mode: 'AUTO' | 'BEFORE' | 'AFTER'): number {
  const d2 = daysFromCivil(year, 9, 2);
  if (mode === 'BEFORE') return d2 - 1;
  if (mode === 'AFTER') return d2 + 1;
  const before = d2 - 1;
  const after = d2 + 1;
  const bw = !isWeekend(before);
  const aw = !isWeekend(after);
  if (bw !== aw) return bw ? before : after;
  if (bw && aw) {
    const beforeTouches = isWeekend(before - 1);
    const afterTouches = isWeekend(after + 1);
    if (beforeTouches !== afterTouches) return beforeTouches ? before : after;
  }
  return before;
}

interface RawHoliday {
  day: number;
  occasion: HolidayOccasion;
  name: string;
}

function holidaysOfRule(
  rule: HolidayRule,
  year: number,
  opts: Required<Omit<HolidayRuleOptions, 'ruleSets'>>,
): RawHoliday[] {
  switch (rule.kind) {
    case 'FIXED': {
      const day = daysFromCivil(year, rule.month, rule.day);
      if (rule.effectiveFrom && day < parseLocalDate(rule.effectiveFrom)) return [];
      return [{ day, occasion: rule.occasion, name: rule.name }];
    }
    case 'LUNAR': {
      const day = parseLocalDate(lunarToSolar({ day: rule.day, month: rule.month, year, leap: false }));
      return [{ day, occasion: rule.occasion, name: rule.name }];
    }
    case 'LUNAR_NEW_YEAR': {
      const before = opts.tetDaysBeforeNewYear;
      if (!Number.isInteger(before) || before < 0 || before > rule.days) {
        throw new CalendarError('CALENDAR_INVALID_OPTION', `tetDaysBeforeNewYear must be 0..${rule.days}`);
      }
      const newYear = parseLocalDate(lunarNewYearsEve(year)) + 1;
      const out: RawHoliday[] = [];
      for (let i = -before; i < rule.days - before; i++) {
        out.push({ day: newYear + i, occasion: rule.occasion, name: `${rule.name} ${year}` });
      }
      return out;
    }
    case 'NATIONAL_DAY': {
      const d2 = daysFromCivil(year, 9, 2);
      const out: RawHoliday[] = [{ day: d2, occasion: rule.occasion, name: `${rule.name} (2/9)` }];
      if (rule.days === 2) {
        const p = nationalDayPartner(year, opts.nationalDayAdjacent);
        out.push({ day: p, occasion: rule.occasion, name: `${rule.name} (ngày liền kề 2/9)` });
      }
      return out;
    }
  }
}

/**
 * Statutory default entries of `year` for the occasions not in `decided`.
 * `officialOffDays` are the days already off by notice, so a compensatory
 * day never lands on one of them.
 */
export function defaultHolidayEntries(
  year: number,
  options: HolidayRuleOptions = {},
  decided: ReadonlySet<HolidayOccasion> = new Set(),
  officialOffDays: ReadonlySet<number> = new Set(),
): ScheduleEntry[] {
  const opts = { ...DEFAULT_HOLIDAY_RULE_OPTIONS, ...stripUndefined(options) };
  const set = ruleSetForYear(year, options.ruleSets ?? STATUTORY_RULE_SETS);
  const raw: RawHoliday[] = [];
  for (const rule of set.rules) {
    if (decided.has(rule.occasion)) continue;
    raw.push(...holidaysOfRule(rule, year, opts));
  }
  raw.sort((a, b) => a.day - b.day);
  const off = new Set<number>(officialOffDays);
  for (const h of raw) off.add(h.day);
  const out: ScheduleEntry[] = raw.map((h) => ({
    date: formatLocalDate(h.day),
    type: 'PUBLIC_HOLIDAY',
    name: h.name,
    source: set.source,
    occasion: h.occasion,
    origin: 'DEFAULT',
  }));
  if (opts.compensateWeekendHolidays) {
    for (const h of raw) {
      if (!isWeekend(h.day)) continue;
      if (h.occasion === 'VIETNAM_CULTURE_DAY' && !opts.cultureDayCompensation) continue;
      let c = h.day + 1;
      while (isWeekend(c) || off.has(c)) c++;
      off.add(c);
      out.push({
        date: formatLocalDate(c),
        type: 'COMPENSATORY_DAY_OFF',
        name: `Nghỉ bù ${h.name} (${formatLocalDate(h.day)} trùng ngày nghỉ hằng tuần)`,
        source: set.source,
        occasion: h.occasion,
        origin: 'DEFAULT',
      });
    }
  }
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) r[k] = o[k];
  return r;
}
