/**
 * Realistic dossier histories for the demo units and catalogue (`npm run generate -- --dossiers N --months M`):
 * the procedures that apply at each unit with their time limits, the daily and seasonal rhythm (counter
 * receptions on working days in office hours, fewer around Tết), the channel mix, about 8% with a supplement,
 * about 1–2% late and mostly in land procedures, apologies with a new date for some late ones, ratings for part
 * of the delivered ones, and the steps of the approved internal process by the unit's officers.
 *
 * Every history is a sequence of real actions through the domain's decide() with the unit's working calendar,
 * so the stored projection (dossier.state_json and its columns) is the fold of the stored log; codes come from
 * the per-unit daily counter (dossier_code_counter). Writes are batched (INSERT … SELECT FROM unnest) in
 * transactions of a few thousand rows. Nothing is sent: no notifications are queued for history.
 */
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { localDateOf, DAY_MS } from '@motcua/domain/calendar/index';
import type { Db } from '../platform/db';
import { recordAudit } from '../audit/service';
import { defaultUnitCodes, loadUnitContexts } from './generator/context';
import { buildDossier, codeOf, type BuiltDossier } from './generator/history';
import { insertDossiers, reserveCodes, type Rating } from './generator/insert';
import { planDossiers, sortKey, SHARES, type DossierPlan } from './generator/plan';
import { hashSeed, Rng } from './generator/random';

export { SHARES } from './generator/plan';

export interface GenerateOptions {
  dossiers: number;
  months: number;
  seed?: number;
  /** Unit codes (electronic identifiers); default: every unit with a counter officer and procedures. */
  unitCodes?: string[];
  /** The end of the generated period (default: now); nothing happens after it. */
  now?: number;
  progress?: boolean;
  /** Dossiers per transaction (each has about ten actions). */
  batchSize?: number;
}

export interface GenerateReport {
  dossiers: number;
  actions: number;
  ratings: number;
  units: { code: string; name: string }[];
  from: string;
  to: string;
  received: number;
  byState: Record<string, number>;
  byChannel: Record<string, number>;
  withSupplement: number;
  late: number;
  lateLand: number;
  apologies: number;
  /** Histories refused by decide() (none expected) and fates not reached. */
  refusals: number;
  mismatches: number;
  ms: number;
}

/** The local midnight `months` calendar months before `now`. */
function monthsBefore(now: number, months: number): number {
  const d = localDateOf(now);
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ym = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return Date.parse(`${ym}-${String(Math.min(day, last)).padStart(2, '0')}T00:00:00+07:00`);
}

async function citizenAccount(db: Db): Promise<{ userId: string; name: string } | null> {
  const r = await sql<{ userId: string; name: string }>`
    SELECT a.id AS "userId", a.full_name AS name FROM app_user a JOIN role_grant g ON g.user_id = a.id
    WHERE g.role = 'CITIZEN' AND g.revoked_at IS NULL AND a.active ORDER BY a.is_demo DESC, a.username LIMIT 1`.execute(
    db,
  );
  return r.rows[0] ?? null;
}

function ratingOf(d: BuiltDossier, rng: Rng): Rating | null {
  const s = d.state;
  if (s.state !== 'DELIVERED' || s.deliveredAt === null || !rng.chance(SHARES.rating)) return null;
  const late = s.index766.late;
  const level = rng.weighted(
    ['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED'],
    late ? [0.2, 0.4, 0.4] : [0.66, 0.31, 0.03],
  );
  const channel =
    d.submittedBy !== null
      ? 'ACCOUNT'
      : s.channel === 'COUNTER' && rng.chance(0.7)
        ? 'COUNTER_DEVICE'
        : 'PUBLIC_LOOKUP';
  const criteria = rng.chance(0.3)
    ? Array.from({ length: 12 }, (_, i) => ({
        code: String(i + 1),
        value: level === 'DISSATISFIED' ? rng.int(2) : level === 'SATISFIED' ? 1 + rng.int(2) : 2,
      }))
    : [];
  const comment =
    level === 'DISSATISFIED'
      ? rng.pick(['Trả kết quả chậm so với giấy hẹn', 'Phải đi lại nhiều lần', 'Hướng dẫn chưa rõ ràng'])
      : rng.chance(0.2)
        ? rng.pick(['Cán bộ nhiệt tình, hướng dẫn chu đáo', 'Giải quyết nhanh, đúng hẹn', 'Thủ tục đơn giản'])
        : null;
  return {
    dossierId: d.id,
    level,
    criteria,
    comment,
    channel,
    raterIsApplicant: !(s.delivery?.recipientType === 'PROXY'),
    ratedAt: s.deliveredAt + Math.floor(rng.between(0.01, 3) * DAY_MS * rng.next()),
  };
}

export async function generateDossiers(db: Db, o: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  if (!Number.isInteger(o.dossiers) || o.dossiers < 0) throw new Error('--dossiers phải là số nguyên không âm.');
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 240) throw new Error('--months từ 1 đến 240.');
  const now = o.now ?? Date.now();
  const seed = o.seed ?? 2026;
  const codes = o.unitCodes?.length ? o.unitCodes : await defaultUnitCodes(db);
  if (codes.length === 0) throw new Error('Không có đơn vị nào có cán bộ tiếp nhận và thủ tục: hãy nạp dữ liệu mẫu.');
  const units = await loadUnitContexts(db, codes);
  const citizen = await citizenAccount(db);

  // Not before the catalogue applies at the unit.
  const earliest = Math.min(...units.flatMap((u) => u.procedures.map((p) => Date.parse(`${p.from}T00:00:00+07:00`))));
  const from = Math.max(monthsBefore(now, o.months), earliest);
  const plans = planDossiers(units, o.dossiers, from, now, seed, citizen ? 12 : 0);
  plans.sort((a, b) => sortKey(a) - sortKey(b) || a.index - b.index);

  const report: GenerateReport = {
    dossiers: 0,
    actions: 0,
    ratings: 0,
    units: units.map((u) => ({ code: u.code, name: u.name })),
    from: localDateOf(from),
    to: localDateOf(now),
    received: 0,
    byState: {},
    byChannel: {},
    withSupplement: 0,
    late: 0,
    lateLand: 0,
    apologies: 0,
    refusals: 0,
    mismatches: 0,
    ms: 0,
  };
  const bar = o.progress
    ? new cliProgress.SingleBar(
        { format: '  {bar} {value}/{total} hồ sơ mẫu', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(plans.length, 0);
  const batchSize = o.batchSize ?? 500;
  // Pipelined: the next batch is built (CPU in Node) while the previous one is written (CPU in PostgreSQL).
  let writing: Promise<void> | undefined;
  try {
    for (let i = 0; i < plans.length; i += batchSize) {
      const batch = plans.slice(i, i + batchSize);
      await assignCodes(db, batch, now);
      const built = batch.map((p) =>
        buildDossier(p, (k) => new Rng(hashSeed(seed, 'dossier', p.index, k)), now, citizen),
      );
      const ratings: Rating[] = [];
      for (const d of built) {
        const r = ratingOf(d, new Rng(hashSeed(seed, 'rating', d.plan.index)));
        if (r && r.ratedAt <= now) ratings.push(r);
        tally(report, d);
      }
      await writing;
      writing = db
        .transaction()
        .execute((trx) => insertDossiers(trx, built, ratings))
        .then((n) => {
          report.actions += n;
          report.ratings += ratings.length;
          bar?.increment(batch.length);
        });
      writing.catch(() => {}); // awaited above or below; a failure surfaces there
    }
    await writing;
    if (plans.length > 0)
      await db.transaction().execute((trx) =>
        recordAudit(trx, {
          actor: { userId: null, name: 'Dữ liệu mẫu (seed)' },
          unitId: units.length === 1 ? units[0]!.id : null,
          action: 'dossier.generate',
          entityType: 'dossier',
          entityId: 'generator',
          after: { dossiers: report.dossiers, actions: report.actions, from: report.from, to: report.to, seed },
          summary: `Sinh ${report.dossiers} hồ sơ mẫu (${report.from} – ${report.to}) tại ${units.map((u) => u.name).join(', ')}`,
        }),
      );
  } finally {
    bar?.stop();
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

/**
 * Codes for the batch's receptions up to `now`, in receipt order within each unit and day. The numbers are
 * reserved in one statement of their own; a batch that then fails to write leaves a gap, never a duplicate.
 */
async function assignCodes(db: Db, batch: DossierPlan[], now: number) {
  const received = batch
    .filter((p) => p.receiveAt !== null && p.receiveAt <= now)
    .sort((a, b) => a.receiveAt! - b.receiveAt! || a.index - b.index);
  const groups = new Map<string, { unitId: string; localDate: string; plans: DossierPlan[] }>();
  for (const p of received) {
    const localDate = localDateOf(p.receiveAt!);
    const key = `${p.unit.id}|${localDate}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { unitId: p.unit.id, localDate, plans: [] }));
    g.plans.push(p);
  }
  const first = await reserveCodes(
    db,
    [...groups.values()].map((g) => ({ unitId: g.unitId, localDate: g.localDate, n: g.plans.length })),
  );
  for (const [key, g] of groups) {
    const start = first.get(key)!;
    g.plans.forEach((p, k) => (p.code = codeOf(p.unit.code, p.receiveAt!, start + k)));
  }
}

function tally(r: GenerateReport, d: BuiltDossier) {
  const s = d.state;
  r.dossiers++;
  r.byState[s.state] = (r.byState[s.state] ?? 0) + 1;
  r.byChannel[s.channel!] = (r.byChannel[s.channel!] ?? 0) + 1;
  if (s.receivedAt !== null) r.received++;
  if (s.supplementRequestCount > 0) r.withSupplement++;
  if (s.index766.late) {
    r.late++;
    if (d.plan.proc.land) r.lateLand++;
  }
  if (s.apology) r.apologies++;
  r.refusals += d.refusals.length;
  if (d.mismatch) r.mismatches++;
}

const pct = (a: number, b: number) => (b === 0 ? '0' : ((100 * a) / b).toFixed(1));

export function formatReport(r: GenerateReport): string[] {
  const rate = r.ms > 0 ? Math.round((r.actions + r.dossiers) / (r.ms / 1000)) : 0;
  return [
    `Đã sinh ${r.dossiers} hồ sơ, ${r.actions} thao tác, ${r.ratings} đánh giá trong ${(r.ms / 1000).toFixed(1)} s (${rate} dòng/s)`,
    `  đơn vị: ${r.units.map((u) => `${u.name} (${u.code})`).join(', ')}; kỳ ${r.from} – ${r.to}`,
    `  kênh: ${Object.entries(r.byChannel)
      .map(([k, v]) => `${k} ${pct(v, r.dossiers)}%`)
      .join(', ')}`,
    `  đã tiếp nhận ${r.received}; bổ sung ${pct(r.withSupplement, r.received)}%; trễ hạn ${pct(r.late, r.received)}% (đất đai ${r.lateLand}/${r.late}); xin lỗi, hẹn lại ${r.apologies}`,
    `  trạng thái: ${Object.entries(r.byState)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    ...(r.refusals || r.mismatches
      ? [`  cảnh báo: ${r.refusals} thao tác bị từ chối, ${r.mismatches} hồ sơ lệch kịch bản`]
      : []),
  ];
}

/** `--dossiers N --months M [--seed S] [--unit CODE]…` (also `--unit=A,B`). */
export function parseGenerateArgs(args: string[]): GenerateOptions {
  const o: GenerateOptions = { dossiers: 1000, months: 12, unitCodes: [] };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? args[++i] ?? '';
    const int = (name: string) => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${name} cần một số nguyên, nhận được "${v}".`);
      return Number(v);
    };
    if (flag === '--dossiers') o.dossiers = int('--dossiers');
    else if (flag === '--months') o.months = int('--months');
    else if (flag === '--seed') o.seed = int('--seed');
    else if (flag === '--unit') o.unitCodes!.push(...value().split(',').filter(Boolean));
    else
      throw new Error(`Không hiểu tham số ${flag}. Cách dùng: --dossiers N --months M [--seed S] [--unit MÃ_ĐƠN_VỊ]`);
  }
  return o;
}
