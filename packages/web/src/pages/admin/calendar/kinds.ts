import type { CalendarEntry, CalendarEntryType, CalendarYear } from '../../../api/calendar';

export interface DayMark {
  kind: CalendarEntryType | null;
  proposal: CalendarEntry[];
  reasons: CalendarEntry[];
}

/** Date → how the year view marks it (applied entries first, unconfirmed proposals on top). */
export function dayMarks(y: CalendarYear): Map<string, DayMark> {
  const map = new Map<string, DayMark>();
  const get = (date: string) => {
    let m = map.get(date);
    if (!m) map.set(date, (m = { kind: null, proposal: [], reasons: [] }));
    return m;
  };
  for (const d of y.nonWorkingDays) {
    const m = get(d.date);
    m.reasons.push(...d.reasons);
    const closure = d.reasons.find((r) => r.type === 'LOCAL_CLOSURE');
    m.kind = (closure ?? d.reasons[0])?.type ?? 'PUBLIC_HOLIDAY';
  }
  for (const d of y.addedWorkingDays) {
    const m = get(d.date);
    m.reasons.push(...d.reasons);
    m.kind = 'SWAP_WORKDAY';
  }
  for (const p of y.proposals) get(p.date).proposal.push(p);
  return map;
}

export const LEGEND_KINDS: CalendarEntryType[] = [
  'PUBLIC_HOLIDAY',
  'COMPENSATORY_DAY_OFF',
  'SWAP_DAY_OFF',
  'SWAP_WORKDAY',
  'LOCAL_CLOSURE',
];

export function dmy(iso: string | null | undefined): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
}
