/**
 * Use cases of the live service index: the ranked table of a unit's subtree, one unit's indicators and trend,
 * the dossiers behind a lost point, dashboards, Biểu 06, the public page and the what-if evaluation.
 */
import { DomainError, scopesFor } from '@motcua/domain';
import {
  BIEU06_COUNTERS,
  COUNTERS,
  bieu06,
  bieu06Numbers,
  computeIndex,
  indexInputOf,
  engineKindOf,
  periodFromKey,
  periodKeyAt,
  previousPeriodKey,
  rankByTotal,
  talliesOf,
  type Bieu06Report,
  type IndexRequest,
  type Bieu06Row,
  type Counters,
  type IndexResult,
  type IndexSettings,
  type KeyedPeriod,
  type PeriodSums,
} from '@motcua/domain/index766/index';
import { addDays, isValidLocalDate, localInstant } from '@motcua/domain/calendar/index';
import { localDateText } from '../forms/format';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { requireOnUnitOr404, requireSomewhere } from '../access/guard';
import { ancestorPath } from '../units/store';
import { refreshServiceIndex } from './derive';
import {
  periodSums,
  procedureNames,
  provinceAsOf,
  recordsFor,
  rollupRevision,
  stepsOf,
  unitCounterSums,
  type GroupBy,
  type SumRow,
} from './store';
import { userNames } from '../dossiers/store';
import { levelOf, peerSetOf, treeOf, type Tree } from './tree';
import { settingsForTree } from './settings';

const MAX_DRILL_RECORDS = 200_000;

/** The period of a key (default: the current quarter), refused with a field error when it is not one. */
export function periodOf(key: string | undefined, now: number, field = 'query.period'): KeyedPeriod {
  const p = periodFromKey(key ?? periodKeyAt(now, 'QUARTER'));
  if (!p)
    throw new DomainError('VALIDATION_FAILED', [
      { field, message: 'Kỳ không hợp lệ: dùng YYYY-MM, YYYY-Qn (quý), YYYY-Hn (6 tháng) hoặc YYYY.' },
    ]);
  return p;
}

/** When a period is measured: its end, or now while it is in progress. */
const measuredAt = (p: KeyedPeriod, now: number) => Math.min(p.end, now);

/** Adds counters into others. The sums hold COUNTERS only (periodSums): read by name, in that order. */
function addCounters(into: Counters, from: Counters) {
  for (const k of COUNTERS) {
    const v = from[k];
    if (v !== undefined) into[k] = (into[k] ?? 0) + v;
  }
}

function addSums(into: PeriodSums, s: PeriodSums) {
  addCounters(into.within, s.within);
  addCounters(into.before, s.before);
}

/** Sums per member set: each unit of the tree (or only those of `ids`) gets the sums of its members. */
function sumsByUnit(tree: Tree, rows: SumRow[], ids?: readonly string[]): Map<string, PeriodSums> {
  const byUnit = new Map<string, PeriodSums>();
  for (const r of rows) {
    const s = byUnit.get(r.unitId) ?? { within: {}, before: {} };
    addSums(s, r.sums);
    byUnit.set(r.unitId, s);
  }
  const out = new Map<string, PeriodSums>();
  for (const id of ids ?? tree.members.keys()) {
    const s: PeriodSums = { within: {}, before: {} };
    for (const m of tree.members.get(id) ?? []) {
      const ms = byUnit.get(m);
      if (ms) addSums(s, ms);
    }
    out.set(id, s);
  }
  return out;
}

/** The sums of a member set from the arrays of unitCounterSums (added in member order, as sumsByUnit does). */
function memberSums(byUnit: Map<string, Float64Array>, members: readonly string[]): PeriodSums {
  const n = COUNTERS.length;
  const acc = new Float64Array(2 * n);
  for (const m of members) {
    const a = byUnit.get(m);
    if (a) for (let i = 0; i < 2 * n; i++) acc[i] = acc[i]! + a[i]!;
  }
  const within: Counters = {};
  const before: Counters = {};
  for (let i = 0; i < n; i++) {
    within[COUNTERS[i]!] = acc[i]!;
    before[COUNTERS[i]!] = acc[n + i]!;
  }
  return { within, before };
}

function score(sums: PeriodSums, p: KeyedPeriod, type: string, at: number, settings: IndexSettings): IndexResult {
  const { tallies, processingTime } = talliesOf(sums, settings.onTimeScope === 'RECEIVED_IN_PERIOD');
  return computeIndex(
    {
      period: { start: p.start, end: at, kind: engineKindOf(p) },
      unitLevel: levelOf(type),
      dossiers: [],
      tallies,
      processingTime,
    },
    settings,
  );
}

const c = (x: Counters, k: string) => x[k] ?? 0;
const all = (s: PeriodSums, k: string) => c(s.within, k) + c(s.before, k);

function headline(result: IndexResult, sums: PeriodSums) {
  const onTime = result.indicators.find((i) => i.code === 'ON_TIME_RATE');
  return {
    total: result.total,
    max: result.max,
    computableMax: result.computableMax,
    complete: result.complete,
    groups: result.groups.map((g) => ({ code: g.code, score: g.score, max: g.max, complete: g.complete })),
    onTimeRate: onTime?.status === 'SCORED' ? onTime.ratio : null,
    received: c(sums.within, 'n'),
    resolved: all(sums, 'res_total'),
    overdue: all(sums, 'on_time_rate_fail'),
  };
}

/** The actor's widest unit holding the permission (the default root of the views). */
export function defaultRoot(
  ctx: RequestContext,
  permission: 'reports.read' | 'serviceIndex.freeze' = 'reports.read',
): string {
  const scopes = scopesFor(requireSomewhere(ctx, permission), permission);
  const wide = scopes.find((s) => s.includeSubtree) ?? scopes[0];
  if (!wide) throw new DomainError('FORBIDDEN');
  return wide.unitId;
}

async function fresh(db: Db) {
  await refreshServiceIndex(db);
}

/**
 * The scored and ranked units of a tree for a period. `revision` (rollupRevision, read after the refresh) lets
 * the sums of a finished period be reused.
 */
async function table(db: Db, tree: Tree, p: KeyedPeriod, now: number, revision: string) {
  const at = measuredAt(p, now);
  const byUnit = await unitCounterSums(db, { start: p.start, end: p.end, at, unitIds: tree.allIds }, revision);
  const settings = await settingsForTree(db, tree);
  // Only the root and the units that are ranked are shown: the others (service points …) are not scored.
  const shown = tree.units.filter((u) => u.id === tree.root.id || peerSetOf(u.type) !== null);
  const scored = shown.map((u) => {
    const s = memberSums(byUnit, tree.members.get(u.id) ?? []);
    const result = score(s, p, u.type, at, settings);
    return { unit: u, sums: s, result };
  });
  const ranks = new Map<string, { rank: number; peerCount: number }>();
  const bySet = new Map<string, typeof scored>();
  for (const x of scored) {
    if (x.unit.id === tree.root.id) continue;
    const set = peerSetOf(x.unit.type);
    if (set) bySet.set(set, [...(bySet.get(set) ?? []), x]);
  }
  for (const members of bySet.values())
    for (const r of rankByTotal(members, (m) => m.result.total))
      ranks.set(r.item.unit.id, { rank: r.rank, peerCount: members.length });
  return { at, scored, ranks };
}

export interface IndexTableQuery {
  period?: string | undefined;
  unitId?: string | undefined;
  asOf?: string | undefined;
}

async function rankedTable(db: Db, rootId: string, q: IndexTableQuery, today: string, now: number) {
  const p = periodOf(q.period, now);
  const prevP = periodFromKey(previousPeriodKey(p.key))!;
  const [tree, revision] = await Promise.all([
    treeOf(db, rootId, q.asOf ?? today),
    fresh(db).then(() => rollupRevision(db)),
  ]);
  if (!tree) throw new DomainError('NOT_FOUND');
  // The two periods are independent queries: on two connections at once.
  const [cur, prev] = await Promise.all([table(db, tree, p, now, revision), table(db, tree, prevP, now, revision)]);
  // A commune or department viewed alone still has its place among its peers of the province.
  if (peerSetOf(tree.root.type) && peerSetOf(tree.root.type) !== 'PROVINCE') {
    const path = await ancestorPath(db, rootId);
    const province = await treeOf(db, path[path.length - 1]!, q.asOf ?? today);
    if (province && province.root.id !== rootId)
      for (const [mine, period] of [
        [cur, p],
        [prev, prevP],
      ] as const) {
        const rank = (await table(db, province, period, now, revision)).ranks.get(rootId);
        if (rank) mine.ranks.set(rootId, rank);
      }
  }
  const prevById = new Map(prev.scored.map((x) => [x.unit.id, x]));
  const row = (x: (typeof cur.scored)[number]) => {
    const before = prevById.get(x.unit.id)!;
    const rank = cur.ranks.get(x.unit.id);
    const previousRank = prev.ranks.get(x.unit.id)?.rank ?? null;
    const h = headline(x.result, x.sums);
    const ph = headline(before.result, before.sums);
    return {
      unitId: x.unit.id,
      code: x.unit.code,
      name: x.unit.name,
      type: x.unit.type,
      peerSet: peerSetOf(x.unit.type),
      ...h,
      rank: rank?.rank ?? null,
      peerCount: rank?.peerCount ?? 0,
      previousRank,
      rankChange: rank && previousRank !== null ? previousRank - rank.rank : null,
      previousTotal: ph.total,
      scoreDelta: h.total - ph.total,
      previousOnTimeRate: ph.onTimeRate,
    };
  };
  const rootRow = cur.scored.find((x) => x.unit.id === rootId)!;
  return {
    period: {
      key: p.key,
      kind: p.kind,
      from: p.from,
      to: p.to,
      labelVi: p.labelVi,
      live: now < p.end,
      measuredAt: new Date(cur.at).toISOString(),
    },
    previousPeriod: { key: prevP.key, labelVi: prevP.labelVi },
    unit: row(rootRow),
    units: cur.scored
      .filter((x) => cur.ranks.has(x.unit.id))
      .map(row)
      .sort((a, b) => (a.peerSet ?? '').localeCompare(b.peerSet ?? '') || a.rank! - b.rank!),
  };
}

export async function indexTable(ctx: RequestContext, q: IndexTableQuery, now = Date.now()) {
  const rootId = q.unitId ?? defaultRoot(ctx);
  await requireOnUnitOr404(ctx, 'reports.read', rootId);
  return rankedTable(ctx.db, rootId, q, ctx.today, now);
}

/** The public page: the province (each root unit valid today) and its units, aggregates only. */
export async function publicIndex(db: Db, q: { period?: string | undefined }, today: string, now = Date.now()) {
  const root = await provinceAsOf(db, today);
  if (!root) throw new DomainError('NOT_FOUND');
  const t = await rankedTable(db, root, { period: q.period }, today, now);
  const strip = ({ unitId: _u, received: _r, resolved: _s, overdue: _o, ...rest }: (typeof t.units)[number]) => rest;
  return { period: t.period, previousPeriod: t.previousPeriod, province: strip(t.unit), units: t.units.map(strip) };
}

async function unitScope(ctx: RequestContext, unitId: string, asOf: string | undefined) {
  await requireOnUnitOr404(ctx, 'reports.read', unitId);
  const tree = await treeOf(ctx.db, unitId, asOf ?? ctx.today);
  if (!tree) throw new DomainError('NOT_FOUND');
  await fresh(ctx.db);
  return tree;
}

async function scoreOf(db: Db, tree: Tree, p: KeyedPeriod, now: number) {
  const at = measuredAt(p, now);
  const rows = await periodSums(db, { start: p.start, end: p.end, at, groupBy: 'unit', unitIds: tree.allIds });
  const sums = sumsByUnit(tree, rows).get(tree.root.id)!;
  return { sums, result: score(sums, p, tree.root.type, at, await settingsForTree(db, tree)) };
}

/** Keys of the n periods of the same kind ending with `p`, oldest first. */
function lastPeriods(p: KeyedPeriod, n: number): KeyedPeriod[] {
  const keys = [p.key];
  while (keys.length < n) keys.unshift(previousPeriodKey(keys[0]!));
  return keys.map((k) => periodFromKey(k)!);
}

async function trendOf(db: Db, tree: Tree, p: KeyedPeriod, now: number) {
  const out = [];
  for (const q of lastPeriods(p, 6)) {
    const { sums, result } = await scoreOf(db, tree, q, now);
    out.push({ period: q.key, labelVi: q.labelVi, total: result.total, onTimeRate: headline(result, sums).onTimeRate });
  }
  return out;
}

/**
 * A custom period of whole days [from, to]: scored by the engine over the records themselves (the rollups are
 * by month), for one unit's subtree.
 */
async function customUnitIndex(ctx: RequestContext, tree: Tree, from: string, to: string, now: number) {
  const bad = (field: string, message: string) => new DomainError('VALIDATION_FAILED', [{ field, message }]);
  if (!isValidLocalDate(from)) throw bad('query.from', 'Ngày có dạng YYYY-MM-DD.');
  if (!isValidLocalDate(to)) throw bad('query.to', 'Ngày có dạng YYYY-MM-DD.');
  const start = localInstant(from);
  const end = localInstant(addDays(to, 1));
  if (end <= start) throw bad('query.to', 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.');
  if (end - start > 366 * 86_400_000) throw bad('query.to', 'Kỳ tùy chọn dài nhất một năm.');
  const at = Math.min(end, now);
  const records = (await recordsFor(ctx.db, tree.allIds, { start, end })).map((r) => r.record);
  const settings = await settingsForTree(ctx.db, tree);
  const result = computeIndex(
    { period: { start, end: at, kind: 'CUSTOM' }, unitLevel: levelOf(tree.root.type), dossiers: records },
    settings,
  );
  const { lostPoints: _l, ...rest } = result;
  const onTime = result.indicators.find((i) => i.code === 'ON_TIME_RATE');
  const report = bieu06(records, { start, end: at, kind: 'CUSTOM' }).total;
  return {
    period: {
      key: `${from}..${to}`,
      kind: 'CUSTOM',
      from,
      to,
      labelVi: `Từ ${localDateText(from)} đến ${localDateText(to)}`,
      live: now < end,
    },
    unit: { id: tree.root.id, code: tree.root.code, name: tree.root.name, type: tree.root.type },
    result: {
      ...rest,
      period: undefined,
      groups: result.groups.map((g) => ({ code: g.code, score: g.score, max: g.max, complete: g.complete })),
      onTimeRate: onTime?.status === 'SCORED' ? onTime.ratio : null,
      received: records.filter((r) => r.receivedAt !== null && r.receivedAt >= start && r.receivedAt < end).length,
      resolved: report.resolved.total,
      overdue: onTime && onTime.denominator !== null ? onTime.denominator - (onTime.numerator ?? 0) : 0,
    },
    trend: [],
  };
}

export async function unitIndex(
  ctx: RequestContext,
  unitId: string,
  q: { period?: string | undefined; asOf?: string | undefined; from?: string | undefined; to?: string | undefined },
  now = Date.now(),
) {
  if (q.from !== undefined || q.to !== undefined) {
    const tree = await unitScope(ctx, unitId, q.asOf);
    return customUnitIndex(ctx, tree, q.from ?? '', q.to ?? '', now);
  }
  const p = periodOf(q.period, now);
  const tree = await unitScope(ctx, unitId, q.asOf);
  const { sums, result } = await scoreOf(ctx.db, tree, p, now);
  const { lostPoints: _l, ...rest } = result;
  return {
    period: { key: p.key, kind: p.kind, from: p.from, to: p.to, labelVi: p.labelVi, live: now < p.end },
    unit: { id: tree.root.id, code: tree.root.code, name: tree.root.name, type: tree.root.type },
    result: { ...rest, period: undefined, ...headline(result, sums) },
    trend: await trendOf(ctx.db, tree, p, now),
  };
}

type Responsible = { name: string; step: string | null } | null;

/** Who held the dossier when it fell due (the step holding its due time), or the first late step. */
async function responsibleFor(db: Db, ids: string[]): Promise<Map<string, Responsible>> {
  const dossiers = await stepsOf(db, ids);
  const names = await userNames(db, [...new Set(dossiers.flatMap((x) => x.steps.map((s) => s.assigneeUserId)))]);
  const out = new Map<string, Responsible>();
  for (const x of dossiers) {
    const due = x.due;
    const holding =
      (due !== null
        ? x.steps.find((s) => s.assignedAt <= due && (s.endedAt === null || s.endedAt > due))
        : undefined) ?? x.steps.find((s) => s.timeliness === 'LATE');
    out.set(x.id, holding ? { name: names.get(holding.assigneeUserId) ?? '', step: holding.name } : null);
  }
  return out;
}

export async function lostPoints(
  ctx: RequestContext,
  unitId: string,
  q: { period?: string | undefined; indicator?: string | undefined; limit: number; cursor?: string | undefined },
  now = Date.now(),
) {
  const p = periodOf(q.period, now);
  const tree = await unitScope(ctx, unitId, undefined);
  const at = measuredAt(p, now);
  const records = await recordsFor(ctx.db, tree.allIds, p);
  if (records.length > MAX_DRILL_RECORDS)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'path.unitId', message: 'Đơn vị có quá nhiều hồ sơ trong kỳ: hãy xem từng đơn vị trực thuộc.' },
    ]);
  const result = computeIndex(
    {
      period: { start: p.start, end: at, kind: engineKindOf(p) },
      unitLevel: levelOf(tree.root.type),
      dossiers: records.map((r) => r.record),
    },
    await settingsForTree(ctx.db, tree),
  );
  const byCode = new Map(records.map((r) => [r.record.code, r]));
  const unitNames = new Map(tree.units.map((u) => [u.id, u.name]));
  const rows = result.lostPoints
    .filter((l) => !q.indicator || l.indicator === q.indicator)
    .sort(
      (a, b) =>
        b.points - a.points || (b.lateByMs ?? 0) - (a.lateByMs ?? 0) || a.dossierCode.localeCompare(b.dossierCode),
    );
  const offset = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString()) || 0 : 0;
  const page = rows.slice(offset, offset + q.limit);
  const dossierIds = page.flatMap((l) => {
    const r = byCode.get(l.dossierCode);
    return r?.source === 'DOSSIER' ? [r.recordId] : [];
  });
  const responsible = await responsibleFor(ctx.db, dossierIds);
  return {
    total: rows.length,
    nextCursor: offset + q.limit < rows.length ? Buffer.from(String(offset + q.limit)).toString('base64url') : null,
    items: page.map((l) => {
      const r = byCode.get(l.dossierCode);
      const dossierId = r?.source === 'DOSSIER' ? r.recordId : null;
      return {
        dossierId,
        dossierCode: l.dossierCode,
        indicator: l.indicator,
        reason: l.reason,
        points: l.points,
        lateByMs: l.lateByMs ?? null,
        messageVi: l.messageVi,
        unit: r ? { id: r.unitId, name: unitNames.get(r.unitId) ?? '' } : null,
        responsible: dossierId ? (responsible.get(dossierId) ?? null) : null,
      };
    }),
  };
}

async function groupedSums(db: Db, tree: Tree, p: KeyedPeriod, now: number, groupBy: GroupBy) {
  const at = measuredAt(p, now);
  const rows = await periodSums(db, { start: p.start, end: p.end, at, groupBy, unitIds: tree.allIds });
  const byKey = new Map<string, PeriodSums>();
  for (const r of rows) {
    const s = byKey.get(r.key) ?? { within: {}, before: {} };
    addSums(s, r.sums);
    byKey.set(r.key, s);
  }
  return { rows, byKey };
}

export async function dashboard(
  ctx: RequestContext,
  q: { unitId?: string | undefined; period?: string | undefined },
  now = Date.now(),
) {
  const unitId = q.unitId ?? defaultRoot(ctx);
  const p = periodOf(q.period, now);
  const tree = await unitScope(ctx, unitId, undefined);
  const { sums, result } = await scoreOf(ctx.db, tree, p, now);
  const byField = await groupedSums(ctx.db, tree, p, now, 'field');
  const byProcedure = await groupedSums(ctx.db, tree, p, now, 'procedure');
  const names = await procedureNames(ctx.db, [...byProcedure.byKey.keys()]);
  const children = tree.units.filter((u) => u.parentId === tree.root.id);
  const months = periodFromKey(p.key)!.kind === 'MONTH' ? lastPeriods(p, 6) : monthsOf(p);
  const heat: { month: string; sums: Map<string, PeriodSums> }[] = [];
  for (const m of months) {
    const at = measuredAt(m, now);
    if (m.start > now) continue;
    const rows = await periodSums(ctx.db, { start: m.start, end: m.end, at, groupBy: 'unit', unitIds: tree.allIds });
    heat.push({ month: m.key, sums: sumsByUnit(tree, rows) });
  }
  const rate = (s: PeriodSums) => {
    const pass = all(s, 'on_time_rate_pass');
    const total = pass + all(s, 'on_time_rate_fail');
    return { onTime: pass, total, rate: total ? pass / total : null };
  };
  return {
    period: { key: p.key, labelVi: p.labelVi, live: now < p.end },
    trend: await trendOf(ctx.db, tree, p, now),
    groups: result.groups.map((g) => ({ code: g.code, score: g.score, max: g.max })),
    onTimeByField: [...byField.byKey.entries()]
      .map(([fieldCode, s]) => ({ fieldCode, fieldName: fieldCode || '(không rõ lĩnh vực)', ...rate(s) }))
      .filter((f) => f.total > 0)
      .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1)),
    channels: [
      { channel: 'COUNTER', count: c(sums.within, 'rcv_counter_postal') - c(sums.within, 'rcv_postal') },
      { channel: 'ONLINE', count: c(sums.within, 'rcv_online') },
      { channel: 'POSTAL', count: c(sums.within, 'rcv_postal') },
    ],
    overdueByUnit: children.map((u) => ({
      unitId: u.id,
      name: u.name,
      months: heat.map((h) => {
        const s = h.sums.get(u.id)!;
        return { month: h.month, overdue: all(s, 'res_overdue') + all(s, 'ip_overdue') };
      }),
    })),
    topLateProcedures: [...byProcedure.byKey.entries()]
      .map(([procedureCode, s]) => ({
        procedureCode,
        name: names.get(procedureCode) ?? procedureCode,
        late: all(s, 'on_time_rate_fail'),
        total: all(s, 'on_time_rate_pass') + all(s, 'on_time_rate_fail'),
      }))
      .filter((x) => x.late > 0)
      .sort((a, b) => b.late - a.late || a.procedureCode.localeCompare(b.procedureCode))
      .slice(0, 10),
  };
}

function monthsOf(p: KeyedPeriod): KeyedPeriod[] {
  const out: KeyedPeriod[] = [];
  for (let k = periodKeyAt(p.start, 'MONTH'); ;) {
    const m = periodFromKey(k)!;
    if (m.start >= p.end) return out;
    out.push(m);
    k = periodKeyAt(m.end, 'MONTH');
  }
}

function bieu06Row(key: string, s: PeriodSums, closedCountsAsResolved = false): Bieu06Row {
  const n = bieu06Numbers(s);
  const accounted = n.resolved.total + n.inProgress.total + (closedCountsAsResolved ? n.closedOther : 0);
  const difference = n.received.total - accounted;
  return { key, ...n, consistency: { received: n.received.total, accounted, difference, ok: difference === 0 } };
}

/** Biểu 06 for a unit's subtree: by field, by level of the handling unit, and the total. */
export async function bieu06Report(
  ctx: RequestContext,
  unitId: string,
  periodKey: string | undefined,
  now = Date.now(),
): Promise<{ report: Bieu06Report; unit: { id: string; name: string; code: string }; period: KeyedPeriod }> {
  const p = periodOf(periodKey, now);
  const tree = await unitScope(ctx, unitId, undefined);
  const at = measuredAt(p, now);
  const { bieu06ClosedCountsAsResolved: closed } = await settingsForTree(ctx.db, tree);
  // One row per field and unit type, with Biểu 06's counters only: the province's subtree is summed in SQL.
  const rows = await periodSums(ctx.db, {
    start: p.start,
    end: p.end,
    at,
    groupBy: 'field',
    unitIds: tree.allIds,
    counters: BIEU06_COUNTERS,
    byUnitType: true,
  });
  const byKey = new Map<string, PeriodSums>();
  const byLevel = new Map<string, PeriodSums>();
  const total: PeriodSums = { within: {}, before: {} };
  for (const r of rows) {
    for (const [map, key] of [
      [byKey, r.key],
      [byLevel, levelOf(r.unitId)],
    ] as const) {
      const s = map.get(key) ?? { within: {}, before: {} };
      addSums(s, r.sums);
      map.set(key, s);
    }
    addSums(total, r.sums);
  }
  const rowsOf = (m: Map<string, PeriodSums>) =>
    [...m.entries()]
      .map(([k, s]) => bieu06Row(k || '(không rõ lĩnh vực)', s, closed))
      .filter((r) => r.received.total > 0)
      .sort((a, b) => a.key.localeCompare(b.key, 'vi'));
  return {
    report: {
      period: { start: p.start, end: at, kind: engineKindOf(p) },
      byField: rowsOf(byKey),
      byLevel: rowsOf(byLevel),
      total: bieu06Row('TOTAL', total, closed),
    },
    unit: { id: tree.root.id, name: tree.root.name, code: tree.root.code },
    period: p,
  };
}

/** Scores records sent in the request (validated by the route's indexRequestSchema), storing nothing. */
export function evaluate(ctx: RequestContext, body: IndexRequest) {
  requireSomewhere(ctx, 'serviceIndex.evaluate');
  const { tableVersion: _t, unitLevel: _u, period: _p, ...result } = computeIndex(indexInputOf(body));
  return result;
}
