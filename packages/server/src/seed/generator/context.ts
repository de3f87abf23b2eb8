/**
 * What the generator reads from the database before it writes anything: the units to fill, their officers,
 * the procedures that apply at each unit (published there or delegated) with their time limit per channel, the
 * approved internal processes, and each unit's working calendar from the shared calendar cache.
 */
import { sql } from 'kysely';
import type { ProcedureDocument, ProcedureMethod } from '@motcua/domain';
import type { Duration } from '@motcua/domain/calendar/index';
import type { Channel } from '@motcua/domain/dossier/index';
import type { Db } from '../../platform/db';
import { calendarCacheFor, type UnitCalendar } from '../../calendar/cache';
import { ancestorPath } from '../../units/store';
import type { ProcessStep } from '../../dossiers/store';
import { catalogChannel, excludedPeriodNames, legalLimitFor } from '../../dossiers/reception';

export type OfficerRole = 'COUNTER_OFFICER' | 'SPECIALIST' | 'UNIT_LEADER';

export interface Officer {
  userId: string;
  name: string;
  role: OfficerRole;
}

export interface ProcedureAtUnit {
  code: string;
  name: string;
  field: string;
  versionId: string;
  /** Local dates during which the version applies at the unit (inclusive; null = open). */
  from: string;
  to: string | null;
  /** The legal time limit per reception channel (only channels the procedure offers with a usable limit). */
  limits: Partial<Record<Channel, Duration>>;
  cutoffTime: string | null;
  supplementClockMode: 'PAUSE' | 'RESTART' | null;
  excludedPeriods: string[];
  documents: ProcedureDocument[];
  /** The approved internal process at the unit, per catalogue channel ('direct', 'online', 'postal'). */
  processes: { channel: string; steps: ProcessStep[] }[];
  /** Đất đai and its neighbours: where late dossiers concentrate. */
  land: boolean;
  organisation: boolean;
}

export interface UnitContext {
  id: string;
  code: string;
  name: string;
  validFrom: string;
  uc: UnitCalendar;
  officers: Record<OfficerRole, Officer[]>;
  procedures: ProcedureAtUnit[];
}

/** Units with at least one active counter-officer grant on the unit itself and procedures that apply there. */
export async function defaultUnitCodes(db: Db): Promise<string[]> {
  const r = await sql<{ code: string }>`
    SELECT DISTINCT u.code FROM role_grant g JOIN unit u ON u.id = g.unit_id JOIN app_user a ON a.id = g.user_id
    WHERE g.revoked_at IS NULL AND a.active AND g.role = 'COUNTER_OFFICER' AND u.valid_to IS NULL
      AND EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.unit_id = u.id)
    ORDER BY u.code`.execute(db);
  return r.rows.map((x) => x.code);
}

async function officersOf(db: Db, unitId: string): Promise<Record<OfficerRole, Officer[]>> {
  const path = await ancestorPath(db, unitId);
  const r = await sql<{ userId: string; name: string; role: OfficerRole }>`
    SELECT DISTINCT a.id AS "userId", a.full_name AS name, g.role FROM role_grant g JOIN app_user a ON a.id = g.user_id
    WHERE g.revoked_at IS NULL AND a.active AND g.role IN ('COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER')
      AND (g.unit_id = ${unitId}::uuid OR (g.include_subtree AND g.unit_id = ANY(${path}::uuid[])))
    ORDER BY a.full_name, a.id`.execute(db);
  const out: Record<OfficerRole, Officer[]> = { COUNTER_OFFICER: [], SPECIALIST: [], UNIT_LEADER: [] };
  for (const o of r.rows) out[o.role].push(o);
  return out;
}

async function proceduresAt(db: Db, unitId: string): Promise<ProcedureAtUnit[]> {
  const r = await sql<{
    versionId: string;
    code: string;
    name: string;
    field: string;
    from: string;
    to: string | null;
    methods: ProcedureMethod[];
    documents: ProcedureDocument[];
    cutoffTime: string | null;
    supplementClockMode: 'PAUSE' | 'RESTART' | null;
    excludedPeriods: string[];
    landField: boolean;
  }>`
    WITH at_unit AS (
      SELECT v.id, v.effective_from AS "from", v.effective_to AS "to" FROM procedure_version v
      JOIN procedure_version_unit pu ON pu.version_id = v.id AND pu.unit_id = ${unitId}::uuid
      WHERE v.superseded_at IS NULL
      UNION ALL
      SELECT v.id, greatest(v.effective_from, d.effective_from),
        CASE WHEN v.effective_to IS NULL THEN d.effective_to WHEN d.effective_to IS NULL THEN v.effective_to
          ELSE least(v.effective_to, d.effective_to) END
      FROM procedure_delegation d JOIN procedure_version v ON v.procedure_id = d.procedure_id AND v.superseded_at IS NULL
      WHERE d.unit_id = ${unitId}::uuid
    )
    SELECT DISTINCT ON (v.id) v.id AS "versionId", p.code, p.name, v.field, a."from", a."to", v.methods, v.documents,
      to_char(v.cutoff_time, 'HH24:MI') AS "cutoffTime", v.supplement_clock_mode AS "supplementClockMode",
      v.excluded_periods AS "excludedPeriods", search_text(v.field) LIKE '%dat dai%' AS "landField"
    FROM at_unit a JOIN procedure_version v ON v.id = a.id JOIN procedure p ON p.id = v.procedure_id
    WHERE a."to" IS NULL OR a."to" >= a."from"
    ORDER BY v.id, a."from"`.execute(db);
  const processes = await sql<{ versionId: string; channel: string; steps: ProcessStep[] }>`
    SELECT procedure_version_id AS "versionId", channel, steps FROM internal_process
    WHERE unit_id = ${unitId}::uuid AND status = 'APPROVED' ORDER BY procedure_version_id, seq DESC`.execute(db);
  const byVersion = new Map<string, { channel: string; steps: ProcessStep[] }[]>();
  for (const p of processes.rows) {
    let list = byVersion.get(p.versionId);
    if (!list) byVersion.set(p.versionId, (list = []));
    list.push({ channel: p.channel, steps: p.steps });
  }
  const out: ProcedureAtUnit[] = [];
  for (const v of r.rows) {
    const limits: Partial<Record<Channel, Duration>> = {};
    for (const ch of ['COUNTER', 'POSTAL', 'ONLINE'] as const) {
      if (!v.methods.some((m) => m.channel === catalogChannel[ch])) continue;
      const l = legalLimitFor(v.methods, ch);
      if (l && l.value > 0) limits[ch] = l;
    }
    // A dossier is received at the counter or by post first; online-only procedures still arrive online.
    if (Object.keys(limits).length === 0) continue;
    out.push({
      code: v.code,
      name: v.name,
      field: v.field,
      versionId: v.versionId,
      from: v.from,
      to: v.to,
      limits,
      cutoffTime: v.cutoffTime,
      supplementClockMode: v.supplementClockMode,
      excludedPeriods: (v.excludedPeriods ?? []).filter((x) => excludedPeriodNames.has(x)),
      documents: v.documents,
      processes: byVersion.get(v.versionId) ?? [],
      land: v.landField,
      organisation: /hợp tác xã|doanh nghiệp|tổ hợp tác/i.test(v.field),
    });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

export async function loadUnitContexts(db: Db, unitCodes: string[]): Promise<UnitContext[]> {
  const cache = calendarCacheFor(db);
  const out: UnitContext[] = [];
  for (const code of unitCodes) {
    const unit = await sql<{ id: string; code: string; name: string; validFrom: string }>`
      SELECT id, code, name, valid_from AS "validFrom" FROM unit WHERE code = ${code}
      ORDER BY valid_to IS NULL DESC, valid_from DESC LIMIT 1`.execute(db);
    const u = unit.rows[0];
    if (!u) throw new Error(`Không có đơn vị mã ${code}.`);
    const officers = await officersOf(db, u.id);
    if (officers.COUNTER_OFFICER.length === 0)
      throw new Error(`Đơn vị ${u.name} (${code}) chưa có cán bộ tiếp nhận (COUNTER_OFFICER): không sinh được hồ sơ.`);
    if (officers.SPECIALIST.length + officers.UNIT_LEADER.length === 0)
      throw new Error(`Đơn vị ${u.name} (${code}) chưa có chuyên viên hoặc lãnh đạo xử lý hồ sơ.`);
    const procedures = await proceduresAt(db, u.id);
    if (procedures.length === 0) throw new Error(`Không có thủ tục nào áp dụng tại ${u.name} (${code}).`);
    out.push({ ...u, uc: await cache.get(u.id), officers, procedures });
  }
  return out;
}

/** The approved process a dossier of this channel follows (the server's approvedProcess: same channel first). */
export function processFor(p: ProcedureAtUnit, channel: Channel): ProcessStep[] | null {
  const wanted = catalogChannel[channel];
  return (p.processes.find((x) => x.channel === wanted) ?? p.processes[0])?.steps ?? null;
}
