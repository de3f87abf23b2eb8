/**
 * The audited "recompute due dates affected by a calendar change" (deadlines-calendar §4, §12): a calendar edit
 * never moves a stored due date by itself; an administrator runs this with the legal basis, first as a dry run.
 * Each active dossier of the unit is refolded from its log with today's calendar; where a due date differs the
 * projection is rewritten and the old and new values are audited.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { activeStates, type DossierState } from '@motcua/domain/dossier/index';
import type { RequestContext } from '../platform/context';
import { requireOnUnit, requireSomewhere } from '../access/guard';
import { recordAudit } from '../audit/service';
import type { CalendarCache } from '../calendar/cache';
import { rebuild } from './public';
import * as store from './store';
import { iso } from './view';

export const recomputeBody = z.strictObject({
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ.' }),
  legalBasis: z
    .string()
    .trim()
    .min(3, 'Phải nêu căn cứ pháp lý của thay đổi lịch.')
    .max(500)
    .transform((s) => s.normalize('NFC')),
  dryRun: z.boolean().default(true),
});

const dueFields = ['dueAt', 'originalDueAt', 'supplementAdjustedDueAt', 'rescheduledDueAt', 'transferDueAt'] as const;

export async function recomputeDue(ctx: RequestContext, cache: CalendarCache, body: z.infer<typeof recomputeBody>) {
  requireSomewhere(ctx, 'calendar.write');
  await requireOnUnit(ctx, 'calendar.write', body.unitId);
  const ids = await sql<{ id: string }>`SELECT id FROM dossier
    WHERE unit_id = ${body.unitId}::uuid AND state = ANY(${[...activeStates]}::text[]) ORDER BY id`.execute(ctx.db);
  const changed: { id: string; code: string | null; from: string | null; to: string | null }[] = [];
  for (const { id } of ids.rows) {
    const next = await rebuild(ctx.db, cache, id);
    const row = await store.findDossier(ctx.db, id);
    if (!next || !row) continue;
    const before: DossierState = row.stateJson;
    if (dueFields.every((f) => before[f] === next[f])) continue;
    changed.push({ id, code: row.code, from: iso(before.dueAt), to: iso(next.dueAt) });
    if (body.dryRun) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const locked = (await store.lockDossier(trx, id))!;
      await store.updateProjection(trx, id, locked.version, next);
      await recordAudit(trx, {
        actor: { userId: ctx.actor!.userId, name: ctx.actorName },
        unitId: body.unitId,
        action: 'dossier.recompute-due',
        entityType: 'dossier',
        entityId: id,
        before: Object.fromEntries(dueFields.map((f) => [f, iso(before[f])])),
        after: Object.fromEntries(dueFields.map((f) => [f, iso(next[f])])),
        summary: `Tính lại hạn trả hồ sơ ${row.code ?? id} theo lịch mới (${body.legalBasis})`,
        requestId: ctx.requestId,
      });
    });
  }
  return { dryRun: body.dryRun, checked: ids.rows.length, changed };
}
