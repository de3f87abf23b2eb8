import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Role, UnitType } from '@motcua/domain';
import type { Db } from '../platform/db';
import { sql } from 'kysely';
import { loadConfig, projectRoot } from '../platform/config';
import { hashPassword } from '../platform/passwords';
import { recordAudit } from '../audit/service';
import * as unitStore from '../units/store';
import * as accessStore from '../access/store';
import { loadDemoCatalog } from '../catalog/seed';
import { generateDossiers } from './dossierGenerator';

export const seedDir = path.join(projectRoot, 'packages/server/seed-data');
export const DEMO_PASSWORD = 'motcua-demo';

interface SeedUnit {
  key: string;
  code: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  parentKey: string | null;
  validFrom: string;
  validTo: string | null;
  predecessorKeys: string[];
  statisticalCode: string | null;
  legalBasis: string | null;
}

/** Where a demo account works: a unit picked by name among those valid on a date. */
interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  unitName: string;
  includeSubtree: boolean;
  description: string;
}

export const demoAccounts: DemoAccount[] = [
  {
    username: 'admin',
    fullName: 'Quản trị hệ thống',
    role: 'SYSTEM_ADMIN',
    unitName: 'Ủy ban nhân dân thành phố Hà Nội',
    includeSubtree: true,
    description: 'Quản trị hệ thống — toàn thành phố',
  },
  {
    username: 'tiepnhan',
    fullName: 'Nguyễn Thị Hoa',
    role: 'COUNTER_OFFICER',
    unitName: 'Xã Mê Linh',
    includeSubtree: false,
    description: 'Cán bộ tiếp nhận — Xã Mê Linh',
  },
  {
    username: 'chuyenvien',
    fullName: 'Trần Văn Minh',
    role: 'SPECIALIST',
    unitName: 'Xã Mê Linh',
    includeSubtree: false,
    description: 'Chuyên viên xử lý — Xã Mê Linh',
  },
  {
    username: 'lanhdao',
    fullName: 'Lê Quang Dũng',
    role: 'UNIT_LEADER',
    unitName: 'Xã Mê Linh',
    includeSubtree: true,
    description: 'Lãnh đạo UBND — Xã Mê Linh',
  },
  {
    username: 'congdan',
    fullName: 'Phạm Thị Lan',
    role: 'CITIZEN',
    unitName: 'Ủy ban nhân dân thành phố Hà Nội',
    includeSubtree: false,
    description: 'Công dân',
  },
  {
    username: 'thanhtra',
    fullName: 'Đỗ Văn Hùng',
    role: 'INSPECTOR',
    unitName: 'Ủy ban nhân dân thành phố Hà Nội',
    includeSubtree: true,
    description: 'Thanh tra công vụ — Sở Nội vụ, toàn thành phố',
  },
  {
    username: 'caicach',
    fullName: 'Vũ Thị Mai',
    role: 'REFORM_OFFICER',
    unitName: 'Ủy ban nhân dân thành phố Hà Nội',
    includeSubtree: true,
    description: 'Cán bộ cải cách hành chính — Sở Nội vụ',
  },
  {
    username: 'giamsat',
    fullName: 'Hoàng Văn Sơn',
    role: 'SUPERVISOR',
    unitName: 'Ủy ban nhân dân thành phố Hà Nội',
    includeSubtree: true,
    description: 'Đại biểu HĐND — giám sát, chỉ xem báo cáo',
  },
];

export function readSeedUnits(): SeedUnit[] {
  const file = JSON.parse(fs.readFileSync(path.join(seedDir, 'units-hanoi.json'), 'utf8')) as { units: SeedUnit[] };
  return file.units;
}

const seedActor = { userId: null, name: 'Dữ liệu mẫu (seed)' };

/**
 * Loads the Hanoi demo tree and one account per role, in one transaction: all or nothing. Then, with the accounts
 * and while the database has no dossier yet, 12 months of generated dossier histories at the demo units
 * (`dossiers`, default DEMO_DOSSIERS = 4000; 0 = none), in transactions of their own.
 */
export async function loadDemoData(
  db: Db,
  options: { progress?: boolean; withAccounts?: boolean; dossiers?: number } = {},
): Promise<void> {
  const units = readSeedUnits();
  const accounts = options.withAccounts === false ? [] : demoAccounts;
  const bar = options.progress
    ? new cliProgress.SingleBar(
        { format: '  {bar} {value}/{total} {step}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(units.length + accounts.length, 0, { step: 'đơn vị' });
  const hashes = await Promise.all(accounts.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    for (const u of units) {
      const parentId = u.parentKey ? ids.get(u.parentKey) : null;
      if (parentId === undefined) throw new Error(`seed: parent ${u.parentKey} of ${u.key} not loaded first`);
      const row = await unitStore.insertUnit(trx, {
        code: u.code,
        name: u.name.normalize('NFC'),
        shortName: u.shortName?.normalize('NFC') ?? null,
        type: u.type,
        parentId,
        validFrom: u.validFrom,
        validTo: u.validTo,
        statisticalCode: u.statisticalCode,
        legalBasis: u.legalBasis,
      });
      ids.set(u.key, row.id);
      for (const p of u.predecessorKeys) {
        const predecessorId = ids.get(p);
        if (!predecessorId) throw new Error(`seed: predecessor ${p} of ${u.key} not loaded first`);
        await unitStore.insertSuccession(trx, {
          predecessorId,
          successorId: row.id,
          kind: u.predecessorKeys.length > 1 ? 'MERGE' : 'OTHER',
          effectiveDate: u.validFrom,
          legalBasis: u.legalBasis,
        });
      }
      await recordAudit(trx, {
        actor: seedActor,
        unitId: row.id,
        action: 'unit.create',
        entityType: 'unit',
        entityId: row.id,
        after: row,
        summary: 'Nạp từ dữ liệu mẫu',
      });
      bar?.increment(1, { step: 'đơn vị' });
    }
    for (const [i, a] of accounts.entries()) {
      const unit = units.find((u) => u.name === a.unitName && u.validTo === null) ?? units[0]!;
      const userId = await accessStore.insertUser(trx, {
        username: a.username,
        fullName: a.fullName,
        email: `${a.username}@motcua.example`,
        phone: null,
        passwordHash: hashes[i]!,
        isDemo: true,
      });
      if (!userId) continue;
      await accessStore.insertGrant(trx, {
        userId,
        role: a.role,
        unitId: ids.get(unit.key)!,
        includeSubtree: a.includeSubtree,
        grantedBy: null,
      });
      await recordAudit(trx, {
        actor: seedActor,
        unitId: ids.get(unit.key)!,
        action: 'user.create',
        entityType: 'user',
        entityId: userId,
        summary: `Tài khoản mẫu ${a.username}`,
      });
      bar?.increment(1, { step: 'tài khoản' });
    }
    bar?.update({ step: 'danh mục thủ tục' });
    await loadDemoCatalog(trx);
  });
  bar?.stop();
  const dossiers = options.dossiers ?? (options.withAccounts === false ? 0 : loadConfig().demoDossiers);
  if (
    dossiers > 0 &&
    !(await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM dossier) AS any`.execute(db)).rows[0]!.any
  )
    await generateDossiers(db, { dossiers, months: 12, seed: 2026, progress: options.progress ?? false });
}
