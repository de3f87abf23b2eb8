import type { FieldError } from '../errors';
import type { TimeLimit } from './types';

/** Working hours in one working day (8 h in common practice, spec one-stop-dossiers §4, likely). */
export const WORKING_HOURS_PER_DAY = 8;

/**
 * The legal time limit expressed in working hours, for the step-budget check. Working days and working
 * hours convert exactly. Calendar days, bare hours and months are only bounded from above (a calendar day
 * holds at most one working day, a month at most 31): a budget beyond that bound is certainly too long, one
 * inside it may still be too long and is reported as not exact. Same-day = one working day.
 */
export function legalWorkingHours(
  limit: TimeLimit,
  hoursPerDay = WORKING_HOURS_PER_DAY,
): { hours: number; exact: boolean } {
  switch (limit.unit) {
    case 'working_days':
      return { hours: limit.value * hoursPerDay, exact: true };
    case 'working_hours':
      return { hours: limit.value, exact: true };
    case 'same_day':
      return { hours: hoursPerDay, exact: true };
    case 'hours':
      return { hours: limit.value, exact: false };
    case 'calendar_days':
      return { hours: limit.value * hoursPerDay, exact: false };
    case 'months':
      return { hours: limit.value * 31 * hoursPerDay, exact: false };
  }
}

export interface BudgetStep {
  name: string;
  hours: number;
}

export interface BudgetCheck {
  totalHours: number;
  legalHours: number | null;
  exact: boolean;
  fits: boolean | null;
  errors: FieldError[];
}

/**
 * Pure check that the step budgets of an ordered (linear) internal process fit inside the legal time limit.
 * Errors name the fields: the first step whose running total passes the limit (`<prefix>.<i>.hours`), and
 * the step list as a whole. An unknown legal time (null) cannot be checked: `fits` is null, no error.
 */
export function checkStepBudgets(
  steps: readonly BudgetStep[],
  limit: TimeLimit | null,
  options: { prefix?: string; hoursPerDay?: number } = {},
): BudgetCheck {
  const prefix = options.prefix ?? 'body.steps';
  const errors: FieldError[] = [];
  let total = 0;
  steps.forEach((s, i) => {
    if (!(s.hours > 0))
      errors.push({ field: `${prefix}.${i}.hours`, message: 'Thời gian của bước phải lớn hơn 0 giờ.' });
    total += Math.max(0, s.hours);
  });
  total = Math.round(total * 100) / 100;
  if (!limit) return { totalHours: total, legalHours: null, exact: false, fits: errors.length ? false : null, errors };
  const legal = legalWorkingHours(limit, options.hoursPerDay);
  if (total > legal.hours) {
    let running = 0;
    const over = steps.findIndex((s) => (running += Math.max(0, s.hours)) > legal.hours);
    if (over >= 0)
      errors.push({
        field: `${prefix}.${over}.hours`,
        message: `Đến bước “${steps[over]!.name}” tổng thời gian đã là ${round(running)} giờ, vượt thời hạn giải quyết ${legal.hours} giờ làm việc.`,
      });
    errors.push({
      field: prefix,
      message: `Tổng thời gian các bước (${total} giờ) vượt thời hạn giải quyết theo quy định (${legal.hours} giờ làm việc).`,
    });
  }
  return { totalHours: total, legalHours: legal.hours, exact: legal.exact, fits: errors.length === 0, errors };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The strictest (shortest) legal time among the channels, or the one of a given channel. */
export function legalTimeOf(
  methods: readonly { channel: string; time: TimeLimit | null }[],
  channel?: string,
): TimeLimit | null {
  const candidates = methods.filter((m) => m.time && (!channel || m.channel === channel)).map((m) => m.time!);
  if (!candidates.length) return null;
  return candidates.reduce((a, b) => (legalWorkingHours(b).hours < legalWorkingHours(a).hours ? b : a));
}
