/**
 * The scoring path (service-index-766 §3–§6): normalized dossiers and counts → one measurement per
 * indicator → scores, groups, total, and the per-dossier lost points for the drill-down. Pure.
 */
import { HOUR_MS as HOUR } from '../calendar/localTime.js';
import { decideOnTime, endEventOf, inOnTimeScope, visibleTimeline, type OnTimeDecision } from './onTime.js';
import { DOSSIER_INDICATORS, resolutionOf, type Population, type Verdict } from './verdicts.js';
import { settingsOf, type IndexSettings } from './settings.js';
import { INDICATOR_TABLE_2025 } from './table.js';
import type {
  GroupResult,
  IndexDossier,
  IndexInput,
  IndexResult,
  IndexTally,
  IndicatorCode,
  IndicatorDef,
  IndicatorResult,
  IndicatorTable,
  LostPoint,
  LostPointReason,
  UnitLevel,
} from './types.js';

/** One dossier that failed an indicator. */
interface Failure {
  dossier: IndexDossier;
  reason: LostPointReason;
  decision?: OnTimeDecision;
}

type Measurement =
  | {
      kind: 'RATIO';
      numerator: number;
      denominator: number;
      basis: 'DOSSIERS' | 'COUNTS';
      failures: Failure[];
      /** What one more passing dossier adds to the numerator (ONLINE_SUBMISSION_RATE: the sync ratio). */
      unit: number;
      /** DOSSIER_SYNC fallback denominator in use. */
      fallback?: boolean;
    }
  | { kind: 'NOT_COMPUTABLE'; reason: 'MISSING_INPUT' | 'NO_COUNTS' | 'NO_FALLBACK'; missing?: number; detail: string }
  | { kind: 'VALUE'; value: number | null; count: number };

function perDossier(
  population: readonly IndexDossier[],
  judge: (d: IndexDossier) => Verdict,
  what: string,
): Measurement {
  let numerator = 0;
  let denominator = 0;
  let missing = 0;
  const failures: Failure[] = [];
  for (const d of population) {
    const v = judge(d);
    if (v === 'OUT') continue;
    if (v === 'UNKNOWN') {
      missing++;
      continue;
    }
    denominator++;
    if (v === 'PASS') numerator++;
    else failures.push({ dossier: d, reason: v.fail, ...(v.decision ? { decision: v.decision } : {}) });
  }
  if (missing > 0) {
    return {
      kind: 'NOT_COMPUTABLE',
      reason: 'MISSING_INPUT',
      missing,
      detail: `Thiếu dữ liệu ${what} của ${missing} hồ sơ.`,
    };
  }
  return { kind: 'RATIO', numerator, denominator, basis: 'DOSSIERS', failures, unit: 1 };
}

/** A tally given instead of dossiers (the live rollups): the same measurement, without per-dossier failures. */
function fromTally(t: IndexTally, what: string): Measurement {
  if (t.unknown > 0)
    return {
      kind: 'NOT_COMPUTABLE',
      reason: 'MISSING_INPUT',
      missing: t.unknown,
      detail: `Thiếu dữ liệu ${what} của ${t.unknown} hồ sơ.`,
    };
  return { kind: 'RATIO', numerator: t.pass, denominator: t.pass + t.fail, basis: 'DOSSIERS', failures: [], unit: 1 };
}

/** Every indicator's measurement from the input. */
function measureAll(
  input: IndexInput,
  settings: IndexSettings,
  table: IndicatorTable,
): Map<IndicatorCode, Measurement> {
  const { period } = input;
  const counted = input.dossiers.filter((d) => d.receivedAt !== null);
  const tallies = input.tallies;
  // Only when an indicator is folded over the dossiers (the rollups give every tally).
  const folded = !tallies || DOSSIER_INDICATORS.some((ind) => !tallies[ind.code]);
  const populations: Record<Population, IndexDossier[]> = folded
    ? {
        RECEIVED: counted.filter((d) => d.receivedAt! >= period.start && d.receivedAt! < period.end),
        ON_TIME: counted.filter((d) => inOnTimeScope(d, period, settings.onTimeScope)),
        RESOLVED: counted.filter((d) => {
          const e = endEventOf(visibleTimeline(d, period.end));
          return e !== null && (e.kind === 'RESOLVED' || e.kind === 'DELIVERED') && e.at >= period.start;
        }),
      }
    : { RECEIVED: [], ON_TIME: [], RESOLVED: [] };
  const decisions = new Map<IndexDossier, OnTimeDecision | null>(
    populations.ON_TIME.map((d) => [d, decideOnTime(d, period)]),
  );

  const m = new Map<IndicatorCode, Measurement>();
  for (const ind of DOSSIER_INDICATORS) {
    const tally = tallies?.[ind.code];
    m.set(
      ind.code,
      tally
        ? fromTally(tally, ind.missingWhat)
        : perDossier(
            populations[ind.population],
            (d) => ind.judge(d, { period, decision: decisions.get(d) ?? null }),
            ind.missingWhat,
          ),
    );
  }

  // DOSSIER_SYNC: synced ÷ max(reporting system, portal); both 0 → last year's total ÷ 12 / ÷ 4.
  const sync = m.get('DOSSIER_SYNC')!;
  if (sync.kind === 'RATIO') {
    sync.denominator = Math.max(sync.denominator, input.reportingSystemReceived ?? 0);
    if (sync.denominator === 0) {
      const divisor = period.kind === 'CUSTOM' ? null : settings.syncFallbackDivisor[period.kind];
      if (input.lastYearReceivedTotal == null || divisor === null) {
        m.set('DOSSIER_SYNC', {
          kind: 'NOT_COMPUTABLE',
          reason: 'NO_FALLBACK',
          detail: 'Không có hồ sơ tiếp nhận trong kỳ; thiếu tổng hồ sơ năm trước hoặc kỳ không có hệ số chia.',
        });
      } else {
        m.set('DOSSIER_SYNC', { ...sync, denominator: input.lastYearReceivedTotal / divisor, fallback: true });
      }
    }
  }

  const completed = input.processingTime ?? { sumMs: 0, count: 0 };
  if (!input.processingTime)
    for (const d of counted) {
      const ms = resolutionOf(d, period);
      if (ms !== null) {
        completed.sumMs += ms;
        completed.count++;
      }
    }
  m.set('AVG_PROCESSING_TIME', {
    kind: 'VALUE',
    value: completed.count ? completed.sumMs / completed.count / HOUR : null,
    count: completed.count,
  });

  // 3.3 is multiplied by the sync ratio.
  const online = m.get('ONLINE_SUBMISSION_RATE')!;
  const syncM = m.get('DOSSIER_SYNC')!;
  if (online.kind === 'RATIO' && syncM.kind === 'RATIO') {
    const syncRatio = syncM.denominator > 0 ? syncM.numerator / syncM.denominator : 0;
    m.set('ONLINE_SUBMISSION_RATE', { ...online, numerator: online.numerator * syncRatio, unit: syncRatio });
  } else if (online.kind === 'RATIO') {
    m.set('ONLINE_SUBMISSION_RATE', {
      kind: 'NOT_COMPUTABLE',
      reason: 'MISSING_INPUT',
      detail: 'Chỉ số nhân với tỷ lệ đồng bộ, mà tỷ lệ đồng bộ không tính được.',
    });
  }

  // Counts: the only source of COUNTS indicators, and an override of dossier-derived ones.
  for (const def of table.indicators) {
    const c = input.counts?.[def.code];
    if (c) {
      m.set(def.code, {
        kind: 'RATIO',
        numerator: c.numerator,
        denominator: c.denominator,
        basis: 'COUNTS',
        failures: [],
        unit: 1,
      });
    } else if (def.source === 'COUNTS') {
      m.set(def.code, {
        kind: 'NOT_COMPUTABLE',
        reason: 'NO_COUNTS',
        detail: 'Chưa có số liệu tổng hợp cho chỉ số này.',
      });
    }
  }
  return m;
}

/** The definition after the locality's settings: maximum, fullAt, applicability, cap. */
export function effectiveDef(def: IndicatorDef, level: UnitLevel, settings: IndexSettings) {
  const max = settings.maxOverrides[def.code] ?? def.max;
  const fa = settings.fullAtOverrides[def.code];
  const fullAt = fa ?? (def.scoring.kind === 'THRESHOLD_LINEAR' ? def.scoring.fullAt : 1);
  const listed = settings.notApplicable[level];
  const applicable = listed ? !listed.includes(def.code) : def.applicability[level];
  const cap = def.capAtMax && (def.code !== 'PAYMENT_PROCEDURE_INTEGRATED' || settings.capP2);
  return { max, fullAt, applicable, cap, scored: def.scoring.kind !== 'NONE' || max > 0 };
}

/** Raw and capped score of a ratio. */
export function scoreRatio(r: number, max: number, fullAt: number, cap: boolean): { score: number; raw: number } {
  const raw = (max * r) / fullAt;
  return { raw, score: cap ? Math.min(max, raw) : raw };
}

const fmtTime = (ms: number) => {
  const d = new Date(ms + 7 * HOUR);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

/** "2 ngày 3 giờ 30 phút" (elapsed clock time). */
export function formatDurationVi(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const mi = minutes % 60;
  const parts = [d ? `${d} ngày` : '', h ? `${h} giờ` : '', mi ? `${mi} phút` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : 'dưới 1 phút';
}

function messageOf(f: Failure, indicator: IndicatorCode): string {
  const code = f.dossier.code;
  const dec = f.decision;
  switch (f.reason) {
    case 'SECOND_SUPPLEMENT':
      return `Hồ sơ ${code}: yêu cầu bổ sung ${dec?.supplementRequests ?? 2} lần (quá một lần) nên tính là quá hạn.`;
    case 'LATE':
    case 'OVERDUE_IN_PROGRESS': {
      if (!dec) return `Hồ sơ ${code}: quá hạn.`;
      const paused = dec.pauseMs ? `, đã trừ ${formatDurationVi(dec.pauseMs)} chờ bổ sung` : '';
      const base =
        f.reason === 'LATE'
          ? `Hồ sơ ${code}: trễ hạn ${formatDurationVi(dec.lateByMs)}`
          : `Hồ sơ ${code}: chưa giải quyết xong, tại cuối kỳ đã quá hạn ${formatDurationVi(dec.lateByMs)}`;
      const limit = dec.limit === null ? '' : `, hẹn trả ${fmtTime(dec.limit)}`;
      return `${base} (mốc tính ${fmtTime(dec.effectiveEnd)}${paused}${limit})${indicator === 'DOSSIER_RECEIVING_SATISFACTION' ? '; hồ sơ quá hạn bị trừ vào tỷ lệ hài lòng' : ''}.`;
    }
    case 'NOT_SYNCED':
      return `Hồ sơ ${code}: chưa đồng bộ trạng thái với Cổng DVCQG.`;
    case 'NOT_FULL_ONLINE':
      return indicator === 'ONLINE_SUBMISSION_RATE'
        ? `Hồ sơ ${code}: không nộp trực tuyến.`
        : `Hồ sơ ${code}: thủ tục đủ điều kiện toàn trình nhưng hồ sơ không thực hiện toàn trình.`;
    case 'NOT_PAID_ONLINE':
      return `Hồ sơ ${code}: có nghĩa vụ tài chính nhưng không thanh toán trực tuyến.`;
    case 'NO_ELECTRONIC_RESULT':
      return `Hồ sơ ${code}: không có kết quả giải quyết điện tử (mã kết quả và tệp kết quả).`;
    case 'NOT_DIGITISED':
      return `Hồ sơ ${code}: thành phần hồ sơ chưa được số hóa.`;
    case 'NO_REUSED_DATA':
      return `Hồ sơ ${code}: không khai thác, sử dụng lại dữ liệu số hóa.`;
    case 'NO_PERSONAL_STORE_LINK':
      return `Hồ sơ ${code}: không lấy thành phần từ, hoặc không đẩy kết quả vào, Kho dữ liệu cá nhân.`;
    case 'NO_CITIZEN_DATA':
      return `Hồ sơ ${code}: không sử dụng dữ liệu dân cư (VNeID, CSDL quốc gia về dân cư).`;
    case 'DISLIKED_OR_COMPLAINED':
      return `Hồ sơ ${code}: có đánh giá không hài lòng hoặc phản ánh, kiến nghị.`;
  }
}

/**
 * Computes the index for one unit and period. `table` and `settings` default to the current metric sheet
 * and the spec's defaults.
 *
 * Written for speed (the live table scores every unit of a province twice per request): each result is one
 * object literal with its keys in a fixed order, no spread and no closure per indicator, and the groups are
 * summed in one pass — the same additions in the same order as a filter-and-reduce per group.
 */
export function computeIndex(
  input: IndexInput,
  partialSettings: Partial<IndexSettings> = {},
  table: IndicatorTable = INDICATOR_TABLE_2025,
): IndexResult {
  const settings = settingsOf(partialSettings);
  const measurements = measureAll(input, settings, table);
  const indicators: IndicatorResult[] = [];
  const lostPoints: LostPoint[] = [];
  const awardMax = settings.notApplicablePolicy === 'AWARD_MAX';

  for (const def of table.indicators) {
    const e = effectiveDef(def, input.unitLevel, settings);
    const code = def.code;
    const group = def.group;
    if (!e.applicable) {
      indicators.push(
        notApplicableResult(
          code,
          group,
          null,
          null,
          awardMax ? e.max : 0,
          `Không áp dụng ở cấp ${input.unitLevel}: tính điểm tối đa.`,
        ),
      );
      continue;
    }
    const published = input.publishedScores?.[code];
    if (published !== undefined) {
      indicators.push({
        code,
        group,
        numerator: null,
        denominator: null,
        ratio: null,
        score: published,
        max: e.max,
        computable: true,
        status: 'PUBLISHED',
        basis: 'PUBLISHED',
      });
      continue;
    }
    const m = measurements.get(code);
    if (!m) {
      indicators.push({
        code,
        group,
        numerator: null,
        denominator: null,
        ratio: null,
        score: null,
        max: e.max,
        computable: false,
        status: 'NOT_COMPUTABLE',
        reason: 'NO_COUNTS',
      });
      continue;
    }
    if (m.kind === 'NOT_COMPUTABLE') {
      const r: IndicatorResult = {
        code,
        group,
        numerator: null,
        denominator: null,
        ratio: null,
        score: null,
        max: e.max,
        computable: false,
        status: 'NOT_COMPUTABLE',
        reason: `${m.reason}: ${m.detail}`,
      };
      if (m.missing !== undefined) r.missing = m.missing;
      indicators.push(r);
      continue;
    }
    if (m.kind === 'VALUE') {
      const r: IndicatorResult = {
        code,
        group,
        numerator: null,
        denominator: m.count,
        ratio: null,
        score: 0,
        max: 0,
        computable: true,
        status: 'SCORED',
        basis: 'DOSSIERS',
        value: m.value,
      };
      if (m.value === null) r.reason = 'Không có hồ sơ xử lý xong trong kỳ.';
      indicators.push(r);
      continue;
    }
    if (m.denominator === 0) {
      const rule = def.zeroDenominator;
      if (rule === 'ZERO' || (rule !== 'FULL' && rule !== 'FALLBACK' && settings.zeroDenominator === 'ZERO')) {
        indicators.push(noItems(code, group, m, 0, 0, e.max, 'Mẫu số bằng 0: tỷ lệ tính là 0.'));
      } else if (rule === 'FULL' && settings.noPetitionPolicy === 'AWARD_MAX') {
        indicators.push(noItems(code, group, m, null, e.max, e.max, 'Không có phản ánh, kiến nghị: tính điểm tối đa.'));
      } else if (rule === 'FALLBACK' && settings.syncFallbackZero === 'ZERO') {
        indicators.push(noItems(code, group, m, 0, 0, e.max, 'Không có hồ sơ, kể cả theo số năm trước: tính 0.'));
      } else {
        const r = notApplicableResult(
          code,
          group,
          m.numerator,
          m.denominator,
          awardMax ? e.max : 0,
          'Mẫu số bằng 0: coi như không áp dụng.',
        );
        r.basis = m.basis;
        indicators.push(r);
      }
      continue;
    }
    const ratio = m.numerator / m.denominator;
    const { score, raw } = scoreRatio(ratio, e.max, e.fullAt, e.cap);
    const r: IndicatorResult = {
      code,
      group,
      numerator: m.numerator,
      denominator: m.denominator,
      ratio,
      basis: m.basis,
      score,
      max: e.max,
      computable: true,
      status: 'SCORED',
    };
    if (raw !== score) r.uncappedScore = raw;
    if (m.fallback) r.reason = 'Mẫu số theo tổng hồ sơ năm trước (không có hồ sơ tiếp nhận trong kỳ).';
    indicators.push(r);
    if (e.max > 0) {
      for (const f of m.failures) {
        const better = scoreRatio((m.numerator + m.unit) / m.denominator, e.max, e.fullAt, e.cap).score;
        const dec = f.decision;
        lostPoints.push({
          dossierCode: f.dossier.code,
          indicator: def.code,
          reason: f.reason,
          points: Math.max(0, better - score),
          ...(dec
            ? {
                lateByMs: dec.lateByMs,
                effectiveEnd: dec.effectiveEnd,
                dueAt: dec.limit,
                supplementRequests: dec.supplementRequests,
              }
            : {}),
          messageVi: messageOf(f, def.code),
        });
      }
    }
  }

  // Per group, in indicator order: Σ scores, Σ maxima, and whether each is computable or weightless.
  const groups: GroupResult[] = table.groups.map((g) => ({ code: g.code, score: 0, max: 0, complete: true }));
  const byCode = new Map<string, GroupResult>();
  for (const g of groups) if (!byCode.has(g.code)) byCode.set(g.code, g);
  let computableMax = 0;
  for (const i of indicators) {
    if (i.computable) computableMax += i.max;
    const g = byCode.get(i.group);
    if (!g) continue;
    g.score += i.score ?? 0;
    g.max += i.max;
    if (!(i.computable || i.max === 0)) g.complete = false;
  }
  if (byCode.size < groups.length)
    // A table naming a group twice: each entry sums the same indicators.
    for (const g of groups) {
      const first = byCode.get(g.code)!;
      if (first !== g) Object.assign(g, { score: first.score, max: first.max, complete: first.complete });
    }
  let total = 0;
  let max = 0;
  let complete = true;
  for (const g of groups) {
    total += g.score;
    max += g.max;
    if (!g.complete) complete = false;
  }
  return {
    tableVersion: table.version,
    unitLevel: input.unitLevel,
    period: input.period,
    total,
    max,
    computableMax,
    complete,
    groups,
    indicators,
    lostPoints,
  };
}

/** A not-applicable result (also a zero denominator treated as such): the maximum, or 0 (notApplicablePolicy). */
function notApplicableResult(
  code: IndicatorCode,
  group: IndicatorResult['group'],
  numerator: number | null,
  denominator: number | null,
  points: number,
  reason: string,
): IndicatorResult {
  return {
    code,
    group,
    numerator,
    denominator,
    ratio: null,
    score: points,
    max: points,
    computable: true,
    status: 'NOT_APPLICABLE',
    reason,
  };
}

/** A zero denominator handled by the indicator's rule. */
function noItems(
  code: IndicatorCode,
  group: IndicatorResult['group'],
  m: { numerator: number; denominator: number; basis: 'DOSSIERS' | 'COUNTS' },
  ratio: number | null,
  score: number,
  max: number,
  reason: string,
): IndicatorResult {
  return {
    code,
    group,
    numerator: m.numerator,
    denominator: m.denominator,
    ratio,
    basis: m.basis,
    score,
    max,
    computable: true,
    status: 'NO_ITEMS',
    reason,
  };
}
