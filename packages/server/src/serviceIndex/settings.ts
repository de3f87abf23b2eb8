/**
 * Settings of the service index per province (docs/service-index.md, "Settings per province"): the rules the spec
 * marks unconfirmed (service-index-766 §5, §9) as data. A root unit (parent_id IS NULL) stores its overrides of
 * DEFAULT_INDEX_SETTINGS; every unit of its tree is scored with them. Writes are versioned (If-Match; the first
 * write, with no row yet, uses "0") and audited. `timelinessGranularity` stays the default: it is applied when
 * the contributions are derived (derive.ts), so changing it would need a re-derivation, not offered yet.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@motcua/domain';
import {
  DEFAULT_INDEX_SETTINGS,
  EDITABLE_INDEX_SETTINGS,
  applyIndexSettings,
  indexSettingsOverridesSchema,
  type IndexSettings,
  type IndexSettingsOverrides,
} from '@motcua/domain/index766/index';
import type { RequestContext } from '../platform/context';
import { transactionRetryingDeadlocks, type Db } from '../platform/db';
import { etagOf, ifMatchHeader, problems, requireIfMatch, typed } from '../platform/http';
import { recordAudit } from '../audit/service';
import { requireOnUnitOr404 } from '../access/guard';
import { ancestorPath } from '../units/store';

const ENTITY = 'service_index_settings';

interface StoredSettings {
  overrides: IndexSettingsOverrides;
  version: number;
}

/** The stored overrides, validated again on the way out (the indicator table may have changed since). */
function parseStored(rootUnitId: string, raw: unknown): IndexSettingsOverrides {
  const parsed = indexSettingsOverridesSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`service_index_settings of ${rootUnitId} no longer validates: ${parsed.error.message}`);
  return parsed.data;
}

async function storedSettings(db: Db, rootUnitId: string, lock = false): Promise<StoredSettings | null> {
  let q = db
    .selectFrom('service_index_settings')
    .select(['settings', 'version'])
    .where('root_unit_id', '=', rootUnitId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { overrides: parseStored(rootUnitId, row.settings), version: row.version } : null;
}

/** The effective settings of a province (the defaults when it stores none) and the stored version (null: none). */
export async function settingsFor(
  db: Db,
  rootUnitId: string,
): Promise<{ settings: IndexSettings; version: number | null }> {
  const stored = await storedSettings(db, rootUnitId);
  return { settings: applyIndexSettings(stored?.overrides), version: stored?.version ?? null };
}

/** The root of a unit's tree: the unit itself, or its top ancestor. */
export async function provinceRootOf(db: Db, unit: { id: string; parentId: string | null }): Promise<string> {
  if (unit.parentId === null) return unit.id;
  const path = await ancestorPath(db, unit.id);
  return path[path.length - 1] ?? unit.id;
}

// Trees are built per request: one settings read per tree, however many periods it is scored for.
const byTree = new WeakMap<object, Promise<IndexSettings>>();

/** The settings a tree is scored with: those of its province root, read once per tree. */
export function settingsForTree(
  db: Db,
  tree: { root: { id: string; parentId: string | null } },
): Promise<IndexSettings> {
  let s = byTree.get(tree);
  if (!s) {
    s = provinceRootOf(db, tree.root).then(async (root) => (await settingsFor(db, root)).settings);
    byTree.set(tree, s);
  }
  return s;
}

/** A unit that holds settings: it exists and is a root of the unit tree. */
async function requireRoot(db: Db, unitId: string) {
  const unit = await db.selectFrom('unit').select(['id', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new DomainError('NOT_FOUND');
  if (unit.parent_id !== null)
    throw new DomainError('VALIDATION_FAILED', [
      {
        field: 'query.unitId',
        message: 'Chỉ đơn vị cấp tỉnh (gốc của cây đơn vị) có thiết lập chỉ số phục vụ; hãy chọn đơn vị cấp tỉnh.',
      },
    ]);
}

function view(unitId: string, stored: StoredSettings | null) {
  return {
    unitId,
    version: stored?.version ?? 0,
    settings: applyIndexSettings(stored?.overrides),
    overrides: stored?.overrides ?? {},
    defaults: DEFAULT_INDEX_SETTINGS as IndexSettings,
  };
}

export async function getIndexSettings(ctx: RequestContext, unitId: string) {
  await requireOnUnitOr404(ctx, 'reports.read', unitId);
  await requireRoot(ctx.db, unitId);
  return view(unitId, await storedSettings(ctx.db, unitId));
}

/** Fields whose stored value changes (the audit summary). */
function changedFields(before: IndexSettingsOverrides, after: IndexSettingsOverrides): string[] {
  return EDITABLE_INDEX_SETTINGS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * Replaces the province's overrides with `overrides` (an omitted setting takes its default). A stale version is
 * refused (412) and changes nothing; the same content again writes nothing.
 */
export async function putIndexSettings(
  ctx: RequestContext,
  unitId: string,
  expectedVersion: number,
  overrides: IndexSettingsOverrides,
) {
  await requireOnUnitOr404(ctx, 'serviceIndex.configure', unitId);
  await requireRoot(ctx.db, unitId);
  const next = indexSettingsOverridesSchema.parse(overrides);
  return transactionRetryingDeadlocks(ctx.db, async (trx) => {
    const before = await storedSettings(trx, unitId, true);
    if ((before?.version ?? 0) !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    const changed = changedFields(before?.overrides ?? {}, next);
    if (before && changed.length === 0) return view(unitId, before);
    let version: number;
    if (!before) {
      // Two first writes at once: the loser inserts nothing and is as stale as any late writer.
      const row = await trx
        .insertInto('service_index_settings')
        .values({ root_unit_id: unitId, settings: JSON.stringify(next), updated_by: ctx.actor!.userId })
        .onConflict((oc) => oc.column('root_unit_id').doNothing())
        .returning('version')
        .executeTakeFirst();
      if (!row) throw new DomainError('PRECONDITION_FAILED');
      version = row.version;
    } else {
      const row = await trx
        .updateTable('service_index_settings')
        .set((eb) => ({
          settings: JSON.stringify(next),
          version: eb('version', '+', 1),
          updated_by: ctx.actor!.userId,
          updated_at: new Date(),
        }))
        .where('root_unit_id', '=', unitId)
        .returning('version')
        .executeTakeFirstOrThrow();
      version = row.version;
    }
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId,
      action: 'serviceIndex.settings.update',
      entityType: ENTITY,
      entityId: unitId,
      before: before?.overrides ?? {},
      after: next,
      summary: `Sửa thiết lập chỉ số phục vụ (phiên bản ${version}): ${changed.join(', ') || 'không thay đổi'}`,
      requestId: ctx.requestId,
    });
    return view(unitId, { overrides: next, version });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Routes

const tags = ['Chỉ số phục vụ (Decision 766)'];
const query = z.strictObject({ unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ (UUID).' }) });

const byCode = z.record(z.string(), z.number());
const settingsView = z.object({
  maxOverrides: byCode,
  fullAtOverrides: byCode,
  notApplicable: z.record(z.string(), z.array(z.string()).readonly()),
  notApplicablePolicy: z.string(),
  zeroDenominator: z.string(),
  capP2: z.boolean(),
  noPetitionPolicy: z.string(),
  syncFallbackDivisor: z.object({
    MONTH: z.number().nullable(),
    QUARTER: z.number().nullable(),
    YEAR: z.number().nullable(),
  }),
  syncFallbackZero: z.string(),
  onTimeScope: z.string(),
  displayDecimals: z.number(),
  timelinessGranularity: z.string(),
  bieu06ClosedCountsAsResolved: z.boolean(),
});
const overridesView = settingsView.partial().extend({
  syncFallbackDivisor: settingsView.shape.syncFallbackDivisor.partial().optional(),
});
export const indexSettingsView = z.object({
  unitId: z.string(),
  /** 0: nothing stored yet (the defaults); echo it as If-Match. */
  version: z.number(),
  settings: settingsView,
  overrides: overridesView,
  defaults: settingsView,
});

export async function settingsRoutes(app: FastifyInstance) {
  const r = typed(app);
  r.get('/api/v1/service-index/settings', {
    schema: {
      tags,
      summary:
        'Thiết lập chỉ số phục vụ của tỉnh (đơn vị gốc): giá trị đang áp dụng, phần tỉnh đã sửa, mặc định theo đặc tả; ETag là phiên bản',
      querystring: query,
      response: { 200: indexSettingsView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const result = await getIndexSettings(req.ctx, req.query.unitId);
      return reply.header('etag', etagOf(result)).header('cache-control', 'private, no-store').send(result);
    },
  });
  r.put('/api/v1/service-index/settings', {
    schema: {
      tags,
      summary:
        'Sửa thiết lập chỉ số phục vụ của tỉnh (cần If-Match với phiên bản hiện tại, "0" khi chưa lưu lần nào); thiết lập không gửi lấy mặc định',
      querystring: query,
      headers: ifMatchHeader,
      body: indexSettingsOverridesSchema,
      response: { 200: indexSettingsView, ...problems(400, 401, 403, 404, 412, 428) },
    },
    handler: async (req, reply) => {
      const result = await putIndexSettings(
        req.ctx,
        req.query.unitId,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply.header('etag', etagOf(result)).send(result);
    },
  });
}
