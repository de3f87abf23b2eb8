/**
 * The plan of every dossier before any history is built: unit, procedure, channel, when it arrives, what happens
 * before reception, and its fate (supplement, late, apology, refusal, withdrawal). Fates are assigned by exact
 * counts over the whole set (not by independent coin flips), so a small run has the intended shares too.
 */
import { addWorkingTime, computeDue, DAY_MS, MINUTE_MS, HOUR_MS } from '@motcua/domain/calendar/index';
import { localDateOf } from '@motcua/domain/calendar/index';
import type { Channel } from '@motcua/domain/dossier/index';
import type { ProcedureAtUnit, UnitContext } from './context';
import { dayWeight, officeTime, onlineTime } from './rhythm';
import { hashSeed, Rng, WeightedTable } from './random';

/** Target shares (of received dossiers unless noted). */
export const SHARES = {
  supplement: 0.08,
  /** Share of supplements never completed (closed after the 15 working days of Decree 118 Art. 19(5)). */
  supplementAbandoned: 0.06,
  /** Late by the index (indexFacts.ts `late`), the closed unsupplemented ones included. */
  late: 0.016,
  /** Share of the late ones from slow processing that are land procedures. */
  lateLand: 0.8,
  /** Late dossiers whose leader sent an apology with a new date before the due time. */
  apology: 0.6,
  refusedResult: 0.03,
  withdrawn: 0.004,
  stopped: 0.002,
  /** Of all dossiers: the channel mix where the procedure offers every channel. */
  channel: { COUNTER: 0.5, ONLINE: 0.45, POSTAL: 0.05 } as Record<Channel, number>,
  /** Delivered dossiers the citizen rated. */
  rating: 0.35,
} as const;

export type PreReception =
  | 'NONE'
  | 'RECEIVED'
  | 'GUIDED_THEN_RECEIVED'
  | 'GUIDED_ABANDONED'
  | 'GUIDED_CANCELLED'
  | 'REFUSED'
  | 'OTHER_BODY'
  | 'CANCELLED';

export interface Fate {
  supplement: 'NONE' | 'COMPLETED' | 'ABANDONED';
  late: boolean;
  apology: boolean;
  end: 'NORMAL' | 'REFUSED' | 'WITHDRAWN' | 'STOPPED';
}

export interface DossierPlan {
  index: number;
  unit: UnitContext;
  proc: ProcedureAtUnit;
  channel: Channel;
  /** ONLINE: the citizen's submission; the reception follows in office hours. */
  submitAt: number | null;
  pre: PreReception;
  /** The counter's answer before reception (guidance, refusal), and the resubmission after guidance. */
  guideAt: number | null;
  resubmitAt: number | null;
  preEndAt: number | null;
  receiveAt: number | null;
  /** Original due time if received (for choosing who can be late by now). */
  dueAt: number | null;
  /** Submitted through the demo citizen's own account (else through the National Public Service Portal). */
  viaAccount: boolean;
  fate: Fate;
  code: string | null;
}

export const sortKey = (p: DossierPlan) => p.receiveAt ?? p.submitAt ?? 0;

/** Relative volume of a field at a commune or ward (civil status and certification dominate; land is heavy). */
function fieldWeight(field: string): number {
  const f = field.toLowerCase();
  if (f.includes('chứng thực')) return 24;
  if (f.includes('hộ tịch')) return 24;
  if (f === 'tài chính đất đai') return 2.5;
  if (f.includes('đất đai')) return 11;
  if (f.includes('cư trú')) return 6;
  if (f.includes('chính sách') || f.includes('người có công') || f.includes('bảo trợ') || f.includes('giảm nghèo'))
    return 7;
  if (f.includes('xây dựng') || f.includes('nhà ở') || f.includes('quy hoạch')) return 4;
  if (f.includes('hộ kinh doanh') || f.includes('hợp tác xã')) return 3;
  if (f.includes('quân sự') || f.includes('nghĩa vụ')) return 1.5;
  return 0;
}

/** Procedures everybody needs: a boost inside their field; the rare variants get little. */
const popular =
  /đăng ký khai sinh$|đăng ký kết hôn$|đăng ký khai tử$|tình trạng hôn nhân|bản sao từ sổ gốc|bản sao có chứng thực|chứng thực chữ ký|chứng thực giao dịch|trích lục hộ tịch|liên thông .*khai sinh|đăng ký thường trú|đăng ký tạm trú|xác nhận thông tin về cư trú|đăng ký đất đai, tài sản gắn liền|hòa giải tranh chấp|trợ cấp xã hội|mai táng/i;
const rare = /lưu động|yếu tố nước ngoài|biên giới|lấn biển|tổ chức kinh tế|giám sát việc giám hộ/i;

function procedureTable(unit: UnitContext, rng: Rng): WeightedTable<ProcedureAtUnit> {
  const byField = new Map<string, ProcedureAtUnit[]>();
  for (const p of unit.procedures) {
    let list = byField.get(p.field);
    if (!list) byField.set(p.field, (list = []));
    list.push(p);
  }
  const otherFields = [...byField.keys()].filter((f) => fieldWeight(f) === 0);
  const items: ProcedureAtUnit[] = [];
  const weights: number[] = [];
  const factor = (p: ProcedureAtUnit) => (popular.test(p.name) ? 5 : rare.test(p.name) ? 0.15 : 1);
  for (const [field, list] of byField) {
    // the rest of the catalogue shares 14% of the volume
    const fw = fieldWeight(field) || 14 / Math.max(1, otherFields.length);
    // Zipf inside the field, in a seeded order with the everyday procedures first
    const order = rng.sample(list.length, list.length).map((i) => list[i]!);
    order.sort((a, b) => factor(b) - factor(a));
    const raw = order.map((p, k) => factor(p) / Math.pow(k + 1, 0.6));
    const sum = raw.reduce((a, b) => a + b, 0);
    order.forEach((p, k) => {
      items.push(p);
      weights.push((fw * raw[k]!) / sum);
    });
  }
  return new WeightedTable(items, weights);
}

interface DayTables {
  counter: WeightedTable<number>;
  online: WeightedTable<number>;
}

function dayTables(unit: UnitContext, fromMs: number, toMs: number): DayTables {
  const cal = unit.uc.calendar;
  const a = cal.dayIndexOf(fromMs);
  const b = cal.dayIndexOf(toMs);
  const days: number[] = [];
  const counter: number[] = [];
  const online: number[] = [];
  for (let i = a; i <= b; i++) {
    const epochDay = cal.baseDay + i;
    days.push(i);
    counter.push(cal.working[i] === 1 ? dayWeight(epochDay, true) : 0);
    online.push(dayWeight(epochDay, false));
  }
  return { counter: new WeightedTable(days, counter), online: new WeightedTable(days, online) };
}

const inWindow = (p: ProcedureAtUnit, date: string) => p.from <= date && (p.to === null || date <= p.to);

function workingLater(unit: UnitContext, from: number, ms: number): number {
  return addWorkingTime(unit.uc.calendar, from, Math.max(MINUTE_MS, Math.round(ms)));
}

function pickChannel(p: ProcedureAtUnit, rng: Rng): Channel {
  const chs = (['COUNTER', 'ONLINE', 'POSTAL'] as const).filter((c) => p.limits[c]);
  return rng.weighted(
    chs,
    chs.map((c) => SHARES.channel[c]),
  );
}

function preReception(rng: Rng): PreReception {
  return rng.weighted<PreReception>(
    ['RECEIVED', 'GUIDED_THEN_RECEIVED', 'GUIDED_ABANDONED', 'GUIDED_CANCELLED', 'REFUSED', 'OTHER_BODY', 'CANCELLED'],
    [0.925, 0.03, 0.006, 0.004, 0.015, 0.01, 0.01],
  );
}

/**
 * `n` dossiers between `fromMs` and `now`, spread over the units by their catalogue size (equal units get equal
 * shares), in the rhythm of rhythm.ts.
 */
export function planDossiers(
  units: UnitContext[],
  n: number,
  fromMs: number,
  now: number,
  seed: number,
  accountQuota: number,
): DossierPlan[] {
  const rng = new Rng(hashSeed(seed, 'plan'));
  const perUnit = units.map((u) => ({
    unit: u,
    procedures: procedureTable(u, new Rng(hashSeed(seed, 'procedures', u.code))),
    days: dayTables(u, Math.max(fromMs, Date.parse(`${u.validFrom}T00:00:00+07:00`)), now),
  }));
  const plans: DossierPlan[] = [];
  let accounts = 0;
  for (let index = 0; index < n; index++) {
    const u = perUnit[index % perUnit.length]!;
    const unit = u.unit;
    const cal = unit.uc.calendar;
    let plan: DossierPlan | undefined;
    for (let attempt = 0; attempt < 200 && !plan; attempt++) {
      const proc = u.procedures.draw(rng);
      const channel = pickChannel(proc, rng);
      if (channel === 'ONLINE') {
        const submitAt = onlineTime(cal, u.days.online.draw(rng), rng);
        if (submitAt > now || !inWindow(proc, localDateOf(submitAt))) continue;
        const pre = preReception(rng);
        // the counter answers within office hours, mostly the same or the next working day (never on a boundary)
        const delay = () =>
          Math.min(15 * HOUR_MS, Math.max(10 * MINUTE_MS, rng.logNormal(2 * HOUR_MS, 0.9))) + rng.int(HOUR_MS);
        const answer = workingLater(unit, submitAt, delay());
        let guideAt: number | null = null;
        let resubmitAt: number | null = null;
        let preEndAt: number | null = null;
        let receiveAt: number | null = null;
        if (pre === 'RECEIVED') receiveAt = answer;
        else if (pre.startsWith('GUIDED')) {
          guideAt = answer;
          const back = guideAt + Math.floor(rng.between(0.4, 6) * DAY_MS);
          if (pre === 'GUIDED_THEN_RECEIVED') {
            resubmitAt = back;
            receiveAt = workingLater(unit, back, delay());
          } else if (pre === 'GUIDED_CANCELLED') preEndAt = back;
        } else if (pre === 'CANCELLED') preEndAt = submitAt + Math.floor(rng.between(0.05, 0.9) * (answer - submitAt));
        else preEndAt = answer;
        if (receiveAt !== null && !inWindow(proc, localDateOf(receiveAt))) continue;
        const viaAccount = accounts < accountQuota && rng.chance(0.02);
        if (viaAccount) accounts++;
        plan = {
          index,
          unit,
          proc,
          channel,
          submitAt,
          pre,
          guideAt,
          resubmitAt,
          preEndAt,
          receiveAt,
          dueAt: null,
          viaAccount,
          fate: { supplement: 'NONE', late: false, apology: false, end: 'NORMAL' },
          code: null,
        };
      } else {
        const receiveAt = officeTime(cal, u.days.counter.draw(rng), rng);
        if (receiveAt > now || !inWindow(proc, localDateOf(receiveAt))) continue;
        plan = {
          index,
          unit,
          proc,
          channel,
          submitAt: null,
          pre: 'NONE',
          guideAt: null,
          resubmitAt: null,
          preEndAt: null,
          receiveAt,
          dueAt: null,
          viaAccount: false,
          fate: { supplement: 'NONE', late: false, apology: false, end: 'NORMAL' },
          code: null,
        };
      }
    }
    if (!plan) throw new Error(`Không lập được kế hoạch hồ sơ tại ${unit.name}: không có thủ tục áp dụng trong kỳ.`);
    if (plan.receiveAt !== null) {
      const pr = plan.proc;
      plan.dueAt = computeDue(cal, plan.receiveAt, pr.limits[plan.channel]!, {
        dueTimeMode: unit.uc.dueTimeMode,
        cutoffTime: pr.cutoffTime,
      }).dueAt;
    }
    plans.push(plan);
  }
  assignFates(plans, now, new Rng(hashSeed(seed, 'fates')));
  return plans;
}

/**
 * Exact counts of each fate over the received dossiers; late ones mostly in land procedures. A supplement never
 * completed is closed after 15 working days (Decree 118 Art. 19(5)); the domain's index (indexFacts.ts) counts
 * such a stop after the due time as late, so those closures are part of the late share.
 */
export function assignFates(plans: DossierPlan[], now: number, rng: Rng): void {
  const received = plans.filter((p) => p.receiveAt !== null && p.receiveAt <= now);
  const take = (pool: DossierPlan[], k: number) => rng.sample(pool.length, k).map((i) => pool[i]!);
  const r = received.length;
  const lateCount = Math.round(SHARES.late * r);

  // Supplements: requested within the first days, so only dossiers received at least a week ago.
  const canSupplement = received.filter((p) => p.receiveAt! + 7 * DAY_MS <= now);
  const supplements = take(canSupplement, Math.round(SHARES.supplement * r));
  const abandoned = Math.min(lateCount, Math.round(SHARES.supplementAbandoned * supplements.length));
  // the abandoned ones among the land dossiers first (their papers are the hardest to complete)
  supplements.sort((a, b) => Number(b.proc.land) - Number(a.proc.land));
  const landFirst = [...supplements.filter((p) => p.proc.land).slice(0, Math.ceil(abandoned * 0.6))];
  const rest = supplements.filter((p) => !landFirst.includes(p));
  const abandonedSet = new Set([...landFirst, ...take(rest, abandoned - landFirst.length)]);
  for (const p of supplements) p.fate.supplement = abandonedSet.has(p) ? 'ABANDONED' : 'COMPLETED';

  // Late: only dossiers whose end will have come by now can be late at the end.
  const intended = Math.max(0, lateCount - abandoned);
  const canBeLate = received.filter((p) => p.dueAt !== null && p.dueAt + 30 * DAY_MS <= now && !abandonedSet.has(p));
  const landPool = canBeLate.filter((p) => p.proc.land);
  const landLate = take(landPool, Math.min(landPool.length, Math.round(SHARES.lateLand * intended)));
  const otherPool = canBeLate.filter((p) => !p.proc.land);
  const late = [...landLate, ...take(otherPool, Math.max(0, intended - landLate.length))];
  late.forEach((p, i) => {
    p.fate.late = true;
    p.fate.apology = i % 5 < SHARES.apology * 5;
  });

  const plain = received.filter((p) => !p.fate.late && p.fate.supplement === 'NONE');
  const ends = take(plain, Math.round((SHARES.refusedResult + SHARES.withdrawn + SHARES.stopped) * r));
  const nWithdrawn = Math.round(SHARES.withdrawn * r);
  const nStopped = Math.round(SHARES.stopped * r);
  ends.forEach((p, i) => {
    p.fate.end = i < nWithdrawn ? 'WITHDRAWN' : i < nWithdrawn + nStopped ? 'STOPPED' : 'REFUSED';
  });
}
