/**
 * Statistics use cases: who may read a unit's statutory report (`reports.read` on the unit, a grant on it or
 * on an ancestor with its subtree), the date check, and the rendering as JSON, XLSX or PDF.
 */
import { DomainError } from '@motcua/domain';
import { isValidLocalDate } from '@motcua/domain/calendar/index';
import type { RequestContext } from '../platform/context';
import { requireOnUnit } from '../access/guard';
import { unitInfo } from '../forms/data';
import { loadBieu07bFacts, shapeBieu07b, type Bieu07bReport } from './bieu07b';
import { bieu07bForm } from './bieu07bExport';
import { downloadDisposition, statPdf, statWorkbook, XLSX_TYPE } from './layout';

export type StatFormat = 'json' | 'xlsx' | 'pdf';

export type StatOutput =
  { kind: 'json'; body: Bieu07bReport } | { kind: 'file'; body: Buffer; contentType: string; disposition: string };

/** Biểu II.07b of a unit on a date (default: today in Vietnam). */
export async function bieu07b(
  ctx: RequestContext,
  q: { unitId: string; asOf?: string | undefined; format: StatFormat },
  now: Date = new Date(),
): Promise<StatOutput> {
  await requireOnUnit(ctx, 'reports.read', q.unitId);
  const asOf = q.asOf ?? ctx.today;
  if (!isValidLocalDate(asOf))
    throw new DomainError('VALIDATION_FAILED', [{ field: 'query.asOf', message: 'Ngày có dạng YYYY-MM-DD.' }]);
  const unit = await unitInfo(ctx.db, q.unitId);
  if (!unit) throw new DomainError('NOT_FOUND');
  const report = shapeBieu07b(
    { id: unit.id, code: unit.code, name: unit.name },
    asOf,
    await loadBieu07bFacts(ctx.db, unit.id, asOf),
  );
  if (q.format === 'json') return { kind: 'json', body: report };
  const form = bieu07bForm(report, { generatedAt: now });
  return q.format === 'xlsx'
    ? {
        kind: 'file',
        body: await statWorkbook(form),
        contentType: XLSX_TYPE,
        disposition: downloadDisposition(form.filename, 'xlsx', 'attachment'),
      }
    : {
        kind: 'file',
        body: await statPdf(form),
        contentType: 'application/pdf',
        disposition: downloadDisposition(form.filename, 'pdf', 'inline'),
      };
}
