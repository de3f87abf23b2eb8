/**
 * What one dossier adds to the live rollups of the index and of Biểu 06, and how summed rollups become the
 * engine's input again. A dossier in the population of a month-aligned period [S, E) either ended in it
 * (its verdicts are final) or straddles E (received before E, not ended before it: its verdicts as seen at E);
 * so three kinds of contribution cover every period: ENDED (keyed by the end month), STRADDLE (one per month
 * boundary the dossier has already lived through) and OPEN (still open: its verdicts at "now", in pieces of
 * time between the instants at which they change without any new event — the due time passing).
 */
import { classifyCompleted, classifyInProgress, type TimelinessGranularity } from '../calendar/index.js';
import { decideOnTime, endEventOf, visibleTimeline } from './onTime.js';
import { DOSSIER_INDICATORS, resolutionOf, type DossierIndicator } from './verdicts.js';
import type { IndexDossier, IndexPeriod, IndexTally, IndicatorCode } from './types.js';

import { VN_OFFSET_MS as VN, localDateOf } from '../calendar/localTime.js';

/** Beyond any instant: the open ends of an OPEN contribution's time piece (stored as NULL). */
export const UNBOUNDED = 8.64e15;
const FAR = UNBOUNDED;

/** Column name of an indicator's verdict counter. */
export const verdictColumn = (code: IndicatorCode, v: 'pass' | 'fail' | 'unknown') => `${code.toLowerCase()}_${v}`;

/** Counters of one contribution, in rollup column order. `avg_ms` is a sum of milliseconds. */
export const COUNTERS = [
  'n',
  'rcv_online',
  'rcv_counter_postal',
  /** Of rcv_counter_postal, the postal ones (channel mix). */
  'rcv_postal',
  'rcv_channel_unknown',
  'res_total',
  'res_early',
  'res_on_time',
  'res_overdue',
  'res_unclassified',
  'closed_other',
  'ip_total',
  'ip_within',
  'ip_overdue',
  'ip_unclassified',
  'avg_count',
  'avg_ms',
  ...DOSSIER_INDICATORS.flatMap((i) => (['pass', 'fail', 'unknown'] as const).map((v) => verdictColumn(i.code, v))),
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<string, number>;

/** Counters that count only dossiers received within the period (the rest count the whole population). */
export const RECEIVED_ONLY: ReadonlySet<string> = new Set([
  'rcv_online',
  'rcv_counter_postal',
  'rcv_postal',
  'rcv_channel_unknown',
  ...DOSSIER_INDICATORS.filter((i) => i.population === 'RECEIVED').flatMap((i) =>
    (['pass', 'fail', 'unknown'] as const).map((v) => verdictColumn(i.code, v)),
  ),
]);

/** Local (Asia/Ho_Chi_Minh) start of the month holding an instant. */
export function monthStartOf(t: number): number {
  const d = new Date(t + VN);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - VN;
}

/** The next local month start after a month start. */
export function nextMonthStart(monthStart: number): number {
  const d = new Date(monthStart + VN);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - VN;
}

/** 'YYYY-MM-01' of a local month start (the rollups' `date` key). */
export function monthKey(monthStart: number): string {
  return localDateOf(monthStart);
}

/** The instant at which the dossier first counts as ended (any end event becomes visible), or null. */
export function firstEndOf(d: IndexDossier): number | null {
  let first: number | null = null;
  for (const e of d.timeline) {
    if (![3, 7, 8, 9, 10].includes(e.status)) continue;
    const seen = endEventOf(visibleTimeline(d, e.at + 1));
    if (seen && (first === null || seen.at < first)) first = seen.at;
  }
  return first;
}

/** Counters of a dossier in the population of a period ending at `end`, as seen at that end. */
export function countersAt(d: IndexDossier, end: number, granularity: TimelinessGranularity): Counters {
  const c: Counters = Object.fromEntries(COUNTERS.map((k) => [k, 0]));
  const period: IndexPeriod = { start: -FAR, end, kind: 'CUSTOM' };
  c.n = 1;
  if (d.channel === 'ONLINE') c.rcv_online = 1;
  else if (d.channel === 'COUNTER' || d.channel === 'POSTAL') {
    c.rcv_counter_postal = 1;
    if (d.channel === 'POSTAL') c.rcv_postal = 1;
  } else c.rcv_channel_unknown = 1;

  const tl = visibleTimeline(d, end);
  const resolvedAt = (tl.find((e) => e.status === 9) ?? tl.find((e) => e.status === 10))?.at ?? null;
  const due = d.reportDueAt ?? d.dueAt;
  if (resolvedAt !== null) {
    c.res_total = 1;
    if (due === null) c.res_unclassified = 1;
    else {
      const k = classifyCompleted(resolvedAt, due, granularity);
      c[k === 'EARLY' ? 'res_early' : k === 'ON_TIME' ? 'res_on_time' : 'res_overdue'] = 1;
    }
  } else if (endEventOf(tl) !== null) c.closed_other = 1;
  else {
    c.ip_total = 1;
    if (due === null) c.ip_unclassified = 1;
    else c[classifyInProgress(due, end) === 'WITHIN_DEADLINE' ? 'ip_within' : 'ip_overdue'] = 1;
  }

  const ms = resolutionOf(d, period);
  if (ms !== null) {
    c.avg_count = 1;
    c.avg_ms = ms;
  }

  const resolved = endEventOf(tl);
  const decision = decideOnTime(d, period);
  for (const ind of DOSSIER_INDICATORS) {
    if (ind.population === 'RESOLVED' && !(resolved && (resolved.kind === 'RESOLVED' || resolved.kind === 'DELIVERED')))
      continue;
    const v = ind.judge(d, { period, decision: ind.population === 'ON_TIME' ? decision : null });
    if (v === 'OUT') continue;
    c[verdictColumn(ind.code, v === 'PASS' ? 'pass' : v === 'UNKNOWN' ? 'unknown' : 'fail')] = 1;
  }
  return c;
}

export interface DossierContributions {
  receivedMonth: number;
  ended: { month: number; counters: Counters } | null;
  straddles: { boundary: number; counters: Counters }[];
  /** Still open: counters valid for measurement instants in [from, to). */
  open: { from: number; to: number; counters: Counters }[];
}

/** Instants after which an open dossier's verdicts change with no new event (the due time passing). */
function breakpointsOf(d: IndexDossier, now: number): number[] {
  const points = new Set<number>();
  const dec = decideOnTime(d, { start: -FAR, end: now, kind: 'CUSTOM' });
  if (dec && dec.endKind === 'PERIOD_END' && dec.limit !== null) points.add(dec.limit + dec.pauseMs + 1);
  const due = d.reportDueAt ?? d.dueAt;
  if (due !== null) points.add(due + 1);
  return [...points].filter((p) => p > now).sort((a, b) => a - b);
}

/**
 * Everything a received dossier contributes, measured at `now` (the caller's clock). Null when the dossier is
 * not received (not counted).
 */
export function contributionsOf(
  d: IndexDossier,
  now: number,
  granularity: TimelinessGranularity = 'HYBRID',
): DossierContributions | null {
  if (d.receivedAt === null) return null;
  const firstEnd = firstEndOf(d);
  const ended = firstEnd !== null && firstEnd < now;
  const straddles: DossierContributions['straddles'] = [];
  const last = ended ? firstEnd : now;
  for (let b = nextMonthStart(monthStartOf(d.receivedAt)); b <= last; b = nextMonthStart(b))
    straddles.push({ boundary: b, counters: countersAt(d, b, granularity) });
  const open: DossierContributions['open'] = [];
  if (!ended) {
    const points = breakpointsOf(d, now);
    const edges = [-FAR, ...points, FAR];
    for (let k = 0; k + 1 < edges.length; k++) {
      const at = k === 0 ? now : edges[k]!;
      open.push({ from: edges[k]!, to: edges[k + 1]!, counters: countersAt(d, at, granularity) });
    }
  }
  return {
    receivedMonth: monthStartOf(d.receivedAt),
    ended: ended ? { month: monthStartOf(firstEnd), counters: countersAt(d, FAR, granularity) } : null,
    straddles,
    open,
  };
}

/** Sums of the counters of one unit (or subtree) for a period, split by reception before or within it. */
export interface PeriodSums {
  /** Dossiers received within the period. */
  within: Counters;
  /** Dossiers received before the period (carried over). */
  before: Counters;
}

const get = (c: Counters, k: string) => c[k] ?? 0;

/** The engine's tallies from summed counters. `receivedInPeriodOnly`: setting onTimeScope RECEIVED_IN_PERIOD. */
export function talliesOf(
  sums: PeriodSums,
  receivedInPeriodOnly = false,
): {
  tallies: Partial<Record<IndicatorCode, IndexTally>>;
  processingTime: { sumMs: number; count: number };
} {
  const { within, before } = sums;
  const tallies: Partial<Record<IndicatorCode, IndexTally>> = {};
  // The column names are built once (a name made per call is hashed again at each lookup).
  for (const { ind, pass, fail, unknown, receivedOnly } of TALLY_COLUMNS) {
    const carried = !(receivedOnly || (receivedInPeriodOnly && ind.population === 'ON_TIME'));
    tallies[ind.code] = {
      pass: get(within, pass) + (carried ? get(before, pass) : 0),
      fail: get(within, fail) + (carried ? get(before, fail) : 0),
      unknown: get(within, unknown) + (carried ? get(before, unknown) : 0),
    };
  }
  return {
    tallies,
    processingTime: {
      sumMs: get(within, 'avg_ms') + get(before, 'avg_ms'),
      count: get(within, 'avg_count') + get(before, 'avg_count'),
    },
  };
}

/** Each dossier indicator's verdict columns; whether they count only dossiers received in the period. */
const TALLY_COLUMNS: readonly {
  ind: DossierIndicator;
  pass: string;
  fail: string;
  unknown: string;
  receivedOnly: boolean;
}[] = DOSSIER_INDICATORS.map((ind) => {
  const pass = verdictColumn(ind.code, 'pass');
  // One flag for the three: RECEIVED_ONLY holds all three columns of an indicator, or none.
  return {
    ind,
    pass,
    fail: verdictColumn(ind.code, 'fail'),
    unknown: verdictColumn(ind.code, 'unknown'),
    receivedOnly: RECEIVED_ONLY.has(pass),
  };
});

/** The counters Biểu 06 reads (bieu06Numbers): those before the processing-time sample. */
export const BIEU06_COUNTERS: readonly Counter[] = COUNTERS.slice(0, COUNTERS.indexOf('avg_count'));

/** Biểu 06's numbers for one row from summed counters (the same columns as bieu06()). */
export function bieu06Numbers(sums: PeriodSums) {
  const all = (k: string) => get(sums.within, k) + get(sums.before, k);
  const received = {
    total: all('n'),
    online: get(sums.within, 'rcv_online'),
    counterAndPostal: get(sums.within, 'rcv_counter_postal'),
    carriedOver: get(sums.before, 'n'),
  };
  const resolved = {
    total: all('res_total'),
    early: all('res_early'),
    onTime: all('res_on_time'),
    overdue: all('res_overdue'),
    unclassified: all('res_unclassified'),
  };
  const inProgress = {
    total: all('ip_total'),
    withinDeadline: all('ip_within'),
    overdue: all('ip_overdue'),
    unclassified: all('ip_unclassified'),
  };
  return {
    received,
    resolved,
    inProgress,
    closedOther: all('closed_other'),
    channelUnknown: get(sums.within, 'rcv_channel_unknown'),
  };
}

/**
 * The reference fold of the rollups (the server does the same sums in SQL): the contributions that count
 * for the month-aligned period [start, end), measured at `at` when the period is not over (at < end).
 */
export function sumForPeriod(
  contributions: readonly (DossierContributions | null)[],
  period: { start: number; end: number },
  at: number = period.end,
): PeriodSums {
  const sums: PeriodSums = { within: {}, before: {} };
  const add = (c: DossierContributions, counters: Counters) => {
    const into = c.receivedMonth >= period.start ? sums.within : sums.before;
    for (const [k, v] of Object.entries(counters)) into[k] = (into[k] ?? 0) + v;
  };
  const live = at < period.end;
  for (const c of contributions) {
    if (!c || c.receivedMonth >= period.end) continue;
    if (c.ended && c.ended.month >= period.start && c.ended.month < period.end) add(c, c.ended.counters);
    if (live) {
      for (const p of c.open) if (p.from <= at && at < p.to) add(c, p.counters);
    } else for (const s of c.straddles) if (s.boundary === period.end) add(c, s.counters);
  }
  return sums;
}
