import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import {
  WORKING_HOURS_PER_DAY,
  compareComplianceCost,
  legalTimeOf,
  legalWorkingHours,
  type ProcedureMethod,
  type Role,
  type UnitRule,
} from '@motcua/domain';
import type { Db } from '../platform/db';
import { projectRoot } from '../platform/config';
import { recordAudit } from '../audit/service';
import { importRecords } from './importer';

export const proceduresFile = path.join(projectRoot, 'packages/server/seed-data/procedures.json');
/** Demo convention: the catalogue is published for the two-tier government that starts on 1/7/2025. */
export const DEMO_EFFECTIVE_FROM = '2025-07-01';
const seedActor = { userId: null, name: 'Dữ liệu mẫu (seed)' };

/** Fields of the province-level procedures and the demo department that handles them (by keyword). */
const departmentKeywords: [string, string[]][] = [
  [
    'Sở Tư pháp thành phố Hà Nội',
    [
      'ho tich',
      'chung thuc',
      'ly lich tu phap',
      'luat su',
      'cong chung',
      'quoc tich',
      'nuoi con nuoi',
      'tro giup phap ly',
      'giam dinh',
      'dau gia',
      'trong tai',
      'hoa giai',
      'thua phat lai',
    ],
  ],
  [
    'Sở Nông nghiệp và Môi trường thành phố Hà Nội',
    [
      'dat dai',
      'moi truong',
      'tai nguyen',
      'dia chat',
      'khoang san',
      'thuy loi',
      'trong trot',
      'chan nuoi',
      'thu y',
      'lam nghiep',
      'thuy san',
      'khi tuong',
      'do dac',
      'bien va hai dao',
      'nong nghiep',
      'bao ve thuc vat',
    ],
  ],
  [
    'Sở Xây dựng thành phố Hà Nội',
    [
      'xay dung',
      'nha o',
      'quy hoach',
      'duong bo',
      'duong thuy',
      'hang hai',
      'duong sat',
      'giao thong',
      'dang kiem',
      'hang khong',
      'kinh doanh bat dong san',
      'vat lieu',
    ],
  ],
  [
    'Sở Tài chính thành phố Hà Nội',
    [
      'doanh nghiep',
      'dau tu',
      'tai chinh',
      'gia',
      'hop tac xa',
      'kinh te tap the',
      'ngan sach',
      'cong san',
      'ke toan',
      'bao hiem',
      'chung khoan',
      'xo so',
    ],
  ],
  [
    'Sở Nội vụ thành phố Hà Nội',
    [
      'to chuc',
      'cong chuc',
      'vien chuc',
      'thi dua',
      'ton giao',
      'van thu',
      'luu tru',
      'lao dong',
      'viec lam',
      'nguoi co cong',
      'chinh sach',
      'bao tro xa hoi',
      'thanh nien',
      'tien luong',
      'an toan, ve sinh lao dong',
    ],
  ],
];

interface StepPlan {
  name: string;
  role: Role;
  unitRule: UnitRule | null;
  share: number;
  output: string;
  allowSendBack: boolean;
}

const communeSteps: StepPlan[] = [
  {
    name: 'Tiếp nhận, kiểm tra hồ sơ',
    role: 'COUNTER_OFFICER',
    unitRule: 'RECEIVING_COMMUNE',
    share: 0.1,
    output: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    allowSendBack: false,
  },
  {
    name: 'Thẩm định hồ sơ, dự thảo kết quả',
    role: 'SPECIALIST',
    unitRule: 'COMPETENT_BODY',
    share: 0.65,
    output: 'Phiếu trình, dự thảo kết quả',
    allowSendBack: true,
  },
  {
    name: 'Lãnh đạo UBND xã ký duyệt',
    role: 'UNIT_LEADER',
    unitRule: 'COMPETENT_BODY',
    share: 0.15,
    output: 'Kết quả đã ký',
    allowSendBack: true,
  },
  {
    name: 'Vào sổ, trả kết quả',
    role: 'COUNTER_OFFICER',
    unitRule: 'RECEIVING_COMMUNE',
    share: 0.1,
    output: 'Kết quả trả cho người nộp',
    allowSendBack: false,
  },
];
const provinceSteps: StepPlan[] = [
  {
    name: 'Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công',
    role: 'COUNTER_OFFICER',
    unitRule: 'SERVICE_CENTRE',
    share: 0.05,
    output: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    allowSendBack: false,
  },
  {
    name: 'Chuyển hồ sơ đến phòng chuyên môn',
    role: 'COUNTER_OFFICER',
    unitRule: 'SERVICE_CENTRE',
    share: 0.05,
    output: 'Hồ sơ điện tử đã chuyển',
    allowSendBack: false,
  },
  {
    name: 'Thẩm định hồ sơ',
    role: 'SPECIALIST',
    unitRule: 'COMPETENT_BODY',
    share: 0.55,
    output: 'Phiếu thẩm định, dự thảo kết quả',
    allowSendBack: true,
  },
  {
    name: 'Lãnh đạo phòng xem xét',
    role: 'UNIT_LEADER',
    unitRule: 'COMPETENT_BODY',
    share: 0.15,
    output: 'Ý kiến trình ký',
    allowSendBack: true,
  },
  {
    name: 'Lãnh đạo Sở ký duyệt',
    role: 'UNIT_LEADER',
    unitRule: 'COMPETENT_BODY',
    share: 0.15,
    output: 'Kết quả đã ký, cấp số',
    allowSendBack: true,
  },
  {
    name: 'Trả kết quả',
    role: 'COUNTER_OFFICER',
    unitRule: 'SERVICE_CENTRE',
    share: 0.05,
    output: 'Kết quả trả cho người nộp',
    allowSendBack: false,
  },
];

/** Step budgets from the legal time: shares rounded down to half hours (at least 0.5 h), the rest to appraisal. */
export function generateSteps(plan: StepPlan[], legalHours: number, scale = 1) {
  const hours = plan.map((s) => Math.max(0.5, Math.floor(s.share * legalHours * scale * 2) / 2));
  const main = plan.findIndex((s) => s.role === 'SPECIALIST');
  const others = hours.reduce((a, h, i) => (i === main ? a : a + h), 0);
  hours[main] = Math.max(0.5, Math.floor((legalHours * scale - others) * 2) / 2);
  return plan.map((s, i) => ({
    name: s.name,
    role: s.role,
    unitId: null,
    unitRule: s.unitRule,
    hours: hours[i]!,
    output: s.output,
    allowSendBack: s.allowSendBack,
  }));
}

/**
 * Loads the whole real catalogue (seed-data/procedures.json) into the demo in the caller's transaction, with
 * batch inserts: the versions, where they apply, a sample of approved internal processes, a few delegations
 * and simplification plans. Returns counts for the progress line.
 */
export async function loadDemoCatalog(db: Db, file = proceduresFile) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
  const { report, written } = await importRecords(db, raw, {
    dryRun: false,
    effectiveFrom: DEMO_EFFECTIVE_FROM,
    actor: seedActor,
    auditEach: false,
    requestId: 'seed-catalog',
  });
  if (!written) throw new Error(`seed: procedures.json has ${report.invalid} invalid records`);
  const on = DEMO_EFFECTIVE_FROM;
  // Commune-level procedures apply at every commune and ward (not customs and tax: not People's Committee work).
  await sql`INSERT INTO procedure_version_unit (version_id, unit_id)
    SELECT v.id, u.id FROM procedure_version v JOIN unit u ON u.type IN ('COMMUNE','WARD')
    WHERE 'COMMUNE' = ANY(v.levels) AND v.field NOT IN ('Hải quan','Thuế')
      AND u.valid_from <= ${on}::date AND (u.valid_to IS NULL OR u.valid_to >= ${on}::date)`.execute(db);
  // Province-level ones at the city service centre, and at the department of their field.
  await sql`INSERT INTO procedure_version_unit (version_id, unit_id)
    SELECT v.id, u.id FROM procedure_version v JOIN unit u ON u.type = 'SERVICE_CENTRE'
    WHERE 'PROVINCE' = ANY(v.levels) AND u.valid_from <= ${on}::date AND (u.valid_to IS NULL OR u.valid_to >= ${on}::date)`.execute(
    db,
  );
  const names = departmentKeywords.map(([n]) => n);
  const keywords = departmentKeywords.flatMap(([n, ks]) => ks.map((k) => [n, k] as const));
  await sql`INSERT INTO procedure_version_unit (version_id, unit_id)
    SELECT DISTINCT v.id, u.id FROM procedure_version v
    JOIN unnest(${keywords.map((k) => k[0])}::text[], ${keywords.map((k) => k[1])}::text[]) AS m(unit_name, keyword)
      ON search_text(v.field) LIKE '%' || m.keyword || '%'
    JOIN unit u ON u.name = m.unit_name AND u.type = 'DEPARTMENT' AND u.valid_from <= ${on}::date AND (u.valid_to IS NULL OR u.valid_to >= ${on}::date)
    WHERE 'PROVINCE' = ANY(v.levels) AND u.name = ANY(${names}::text[])
    ON CONFLICT DO NOTHING`.execute(db);

  const unitId = async (name: string) =>
    (
      await db
        .selectFrom('unit')
        .select('id')
        .where('name', '=', name)
        .where('valid_to', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
  const centre = await unitId('Trung tâm Phục vụ hành chính công thành phố Hà Nội');
  const communes = await Promise.all(['Xã Mê Linh', 'Xã Gia Lâm', 'Phường Hoàn Kiếm'].map(unitId));

  // Internal processes: a sample of commune- and province-level procedures with a time in working days.
  const versions = await sql<{ id: string; code: string; levels: string[]; methods: ProcedureMethod[] }>`
    SELECT v.id, p.code, v.levels, v.methods FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    WHERE v.superseded_at IS NULL AND v.field NOT IN ('Hải quan','Thuế') ORDER BY p.code`.execute(db);
  const withTime = versions.rows
    .map((v) => ({ ...v, time: legalTimeOf(v.methods, 'direct') }))
    .filter(
      (v) =>
        v.time &&
        (v.time.unit === 'working_days' || v.time.unit === 'working_hours') &&
        v.methods.some((m) => m.channel === 'direct'),
    );
  const communeSample = withTime.filter((v) => v.levels.includes('COMMUNE')).slice(0, 40);
  const provinceSample = withTime
    .filter((v) => v.levels.includes('PROVINCE') && !v.levels.includes('COMMUNE'))
    .slice(0, 40);
  const processRows: {
    procedure_version_id: string;
    unit_id: string;
    seq: number;
    status: string;
    channel: string;
    steps: string;
    total_hours: number;
    legal_hours: number;
    approval_decision_no: string;
    approved_at: string;
    effective_from: string;
  }[] = [];
  const add = (v: (typeof withTime)[number], unit: string, plan: StepPlan[], decision: string) => {
    const legal = legalWorkingHours(v.time!).hours;
    const steps = generateSteps(plan, legal, 1);
    processRows.push({
      procedure_version_id: v.id,
      unit_id: unit,
      seq: 1,
      status: 'APPROVED',
      channel: 'direct',
      steps: JSON.stringify(steps),
      total_hours: steps.reduce((a, s) => a + s.hours, 0),
      legal_hours: legal,
      approval_decision_no: decision,
      approved_at: '2025-08-15',
      effective_from: '2025-08-15',
    });
  };
  communeSample.forEach((v, i) =>
    add(v, communes[i % communes.length]!, communeSteps, 'Quyết định 1811/QĐ-TTPVHCC (mẫu)'),
  );
  provinceSample.forEach((v) => add(v, centre, provinceSteps, 'Quyết định 663/QĐ-TTPVHCC (mẫu)'));
  const processIds = processRows.length
    ? await db
        .insertInto('internal_process')
        .values(processRows)
        .returning(['id', 'procedure_version_id', 'unit_id', 'total_hours'])
        .execute()
    : [];

  // Delegations: a few province-level procedures delegated (ủy quyền) or decentralised (phân cấp) to communes.
  const procs = await sql<{ id: string; code: string }>`SELECT p.id, p.code FROM procedure p
    WHERE 'PROVINCE' = ANY(p.levels) AND NOT ('COMMUNE' = ANY(p.levels)) AND p.field IN ('Đất đai','Hộ tịch','Môi trường','Xây dựng')
    ORDER BY p.code LIMIT 4`.execute(db);
  const delegationRows = procs.rows.map((p, i) => ({
    procedure_id: p.id,
    unit_id: communes[i % communes.length]!,
    from_unit_id: centre,
    kind: i % 2 === 0 ? 'DELEGATION' : 'DECENTRALISATION',
    decision_no: `${1200 + i}/QĐ-UBND (mẫu)`,
    decision_date: '2025-06-25',
    effective_from: DEMO_EFFECTIVE_FROM,
    effective_to: null,
    scope: i % 2 === 0 ? 'Ủy quyền Chủ tịch UBND xã giải quyết trên địa bàn xã' : 'Phân cấp cho UBND xã giải quyết',
  }));
  if (delegationRows.length) await db.insertInto('procedure_delegation').values(delegationRows).execute();

  // Simplification plans on a dozen processes: most adopted in 2025, a few still in preparation.
  const statuses = [
    'IMPLEMENTED',
    'APPROVED',
    'APPROVED',
    'IMPLEMENTED',
    'APPROVED',
    'PROPOSED',
    'APPROVED',
    'DRAFT',
    'APPROVED',
    'IMPLEMENTED',
    'REJECTED',
    'APPROVED',
  ];
  const byVersion = new Map(versions.rows.map((v) => [v.id, v]));
  const planRows = processIds
    .slice(0, statuses.length * 2)
    .filter((_, i) => i % 2 === 0)
    .map((ip, i) => {
      const status = statuses[i]!;
      const v = byVersion.get(ip.procedure_version_id)!;
      const hoursBefore = ip.total_hours;
      const hoursAfter = Math.max(0.5, Math.round(hoursBefore * 0.7 * 2) / 2);
      const stepsBefore = v.levels.includes('COMMUNE') ? communeSteps.length : provinceSteps.length;
      const stepsAfter = stepsBefore - 1;
      const cost = (hours: number, fees: number, other: number) => ({
        hours,
        incomePerHour: 50_000,
        serviceFees: 0,
        fees,
        otherCosts: other,
        timesPerYear: 1,
        subjectsPerYear: 500 + i * 150,
      });
      const before = {
        steps: stepsBefore,
        hours: hoursBefore,
        documents: 5,
        feeVnd: 0,
        cost: cost(8 + (i % 4), 0, 50_000),
      };
      const after = {
        steps: stepsAfter,
        hours: hoursAfter,
        documents: 4,
        feeVnd: 0,
        cost: cost(4 + (i % 3), 0, 20_000),
      };
      const c = compareComplianceCost(before.cost, after.cost);
      const decided = status === 'APPROVED' || status === 'IMPLEMENTED' || status === 'REJECTED';
      return {
        unit_id: ip.unit_id,
        version_id: ip.procedure_version_id,
        internal_process_id: ip.id,
        title: `Cắt giảm bước và thời gian xử lý thủ tục ${v.code}`,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        annual_cost_before: c.before.annualCost,
        annual_cost_after: c.after.annualCost,
        status,
        decision_no: decided ? `${5450 + i}/QĐ-UBND (mẫu)` : null,
        decision_date: decided ? `2025-${String(9 + (i % 3)).padStart(2, '0')}-15` : null,
        note: null,
      };
    });
  if (planRows.length) {
    const procIdOf = await sql<{
      id: string;
      procedure_id: string;
    }>`SELECT id, procedure_id FROM procedure_version WHERE id = ANY(${planRows.map((p) => p.version_id)}::uuid[])`.execute(
      db,
    );
    const map = new Map(procIdOf.rows.map((r) => [r.id, r.procedure_id]));
    await db
      .insertInto('simplification_plan')
      .values(planRows.map(({ version_id, ...p }) => ({ ...p, procedure_id: map.get(version_id)! })))
      .execute();
  }
  await recordAudit(db, {
    actor: seedActor,
    unitId: null,
    action: 'catalog.seed',
    entityType: 'catalog',
    entityId: 'demo',
    after: {
      procedures: report.created,
      internalProcesses: processRows.length,
      delegations: delegationRows.length,
      plans: planRows.length,
    },
    summary: `Nạp danh mục mẫu: ${report.created} thủ tục, ${processRows.length} quy trình nội bộ, ${delegationRows.length} ủy quyền/phân cấp, ${planRows.length} phương án đơn giản hóa`,
  });
  return {
    procedures: report.created,
    internalProcesses: processRows.length,
    delegations: delegationRows.length,
    plans: planRows.length,
    hoursPerDay: WORKING_HOURS_PER_DAY,
  };
}
