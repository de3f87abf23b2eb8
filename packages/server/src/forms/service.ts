/**
 * The statutory forms of a dossier and the tracking book of a unit: who may print them, which template
 * applies (the dossier's regime picks the 2018 or 2025 set), and the rendering to PDF, HTML or XLSX.
 */
import { DomainError, hasPermissionSomewhere } from '@motcua/domain';
import { isValidLocalDate, localInstant, parseLocalDate } from '@motcua/domain/calendar/index';
import { regimeFor } from '@motcua/domain/dossier/index';
import type { RequestContext } from '../platform/context';
import { requireActor, requireOnUnitOr404 } from '../access/guard';
import { findDossierForForms, loadFormData, loadTrackingBook, unitInfo } from './data';
import type { FormDocument, FormId, FormSet } from './model';
import {
  DOSSIER_FORM_TEMPLATES,
  TRACKING_BOOK_TEMPLATES,
  formSetOf,
  formSetOfRegime,
  notApplicableReason,
  templateFor,
} from './registry';
import { renderPdf } from './pdf';
import { renderHtml } from './html';
import { renderXlsx } from './xlsx';

export type DocumentFormat = 'pdf' | 'html' | 'xlsx';

export interface RenderedForm {
  body: Buffer | string;
  contentType: string;
  filename: string;
  disposition: 'inline' | 'attachment';
  templateId: string;
  templateVersion: string;
}

/** Forms addressed to the applicant, which they may print from their own account; the control sheet is internal. */
const APPLICANT_FORMS: ReadonlySet<FormId> = new Set([
  'RECEIPT_SLIP',
  'SUPPLEMENT_REQUEST_SLIP',
  'RECEPTION_REFUSAL_SLIP',
  'APOLOGY_LETTER',
  'STOP_NOTICE',
]);

/** Widest tracking-book range in one request. */
export const MAX_BOOK_DAYS = 366;

export async function render(doc: FormDocument, format: DocumentFormat): Promise<RenderedForm> {
  const meta = { templateId: doc.templateId, templateVersion: doc.templateVersion };
  switch (format) {
    case 'pdf':
      return {
        ...meta,
        body: await renderPdf(doc),
        contentType: 'application/pdf',
        filename: `${doc.filename}.pdf`,
        disposition: 'inline',
      };
    case 'html':
      return {
        ...meta,
        body: renderHtml(doc),
        contentType: 'text/html; charset=utf-8',
        filename: `${doc.filename}.html`,
        disposition: 'inline',
      };
    case 'xlsx':
      return {
        ...meta,
        body: await renderXlsx(doc),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename: `${doc.filename}.xlsx`,
        disposition: 'attachment',
      };
  }
}

/** One form of one dossier. Out of scope or missing → 404; a form that does not apply → FORM_NOT_APPLICABLE. */
export async function dossierForm(
  ctx: RequestContext,
  dossierId: string,
  form: FormId,
  format: 'pdf' | 'html',
  publicBase: string,
): Promise<RenderedForm> {
  const actor = requireActor(ctx);
  const officer = hasPermissionSomewhere(actor, 'dossiers.read');
  if (!officer && !hasPermissionSomewhere(actor, 'dossiers.submit')) throw new DomainError('FORBIDDEN');
  const row = await findDossierForForms(ctx.db, dossierId);
  if (!row) throw new DomainError('NOT_FOUND');
  const owner = row.submittedBy !== null && row.submittedBy === actor.userId;
  if (!(owner && APPLICANT_FORMS.has(form))) {
    if (!officer) throw new DomainError(owner ? 'FORBIDDEN' : 'NOT_FOUND');
    await requireOnUnitOr404(ctx, 'dossiers.read', row.unitId);
  }
  const data = await loadFormData(ctx.db, row, publicBase);
  if (!data) throw new DomainError('NOT_FOUND');
  const set = formSetOf(data);
  const reason = notApplicableReason(form, data, set);
  const template = templateFor(DOSSIER_FORM_TEMPLATES, form, set);
  if (reason || !template)
    throw new DomainError(
      'FORM_NOT_APPLICABLE',
      [{ field: 'params.form', message: reason ?? `Bộ biểu mẫu ${set} không có biểu mẫu này.` }],
      reason ?? undefined,
    );
  return render(template.build(data), format);
}

function dateField(value: string, field: string): string {
  if (!isValidLocalDate(value))
    throw new DomainError('VALIDATION_FAILED', [{ field, message: 'Ngày có dạng YYYY-MM-DD.' }]);
  return value;
}

/** The tracking book of a unit for dossiers received from `from` to `to` (inclusive). */
export async function trackingBook(
  ctx: RequestContext,
  q: { unitId: string; from: string; to: string; format: DocumentFormat; formSet?: FormSet },
): Promise<RenderedForm> {
  await requireOnUnitOr404(ctx, 'dossiers.read', q.unitId);
  const from = dateField(q.from, 'query.from');
  const to = dateField(q.to, 'query.to');
  const days = parseLocalDate(to) - parseLocalDate(from) + 1;
  if (days < 1)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'query.to', message: 'Ngày kết thúc phải sau ngày bắt đầu.' },
    ]);
  if (days > MAX_BOOK_DAYS)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'query.to', message: `Mỗi lần in tối đa ${MAX_BOOK_DAYS} ngày.` },
    ]);
  const unit = await unitInfo(ctx.db, q.unitId);
  if (!unit) throw new DomainError('NOT_FOUND');
  // The book follows the set in force at the end of the period unless one is asked for.
  const set = q.formSet ?? formSetOfRegime(regimeFor(localInstant(to))?.id ?? 'OSS_2025');
  const template = templateFor(TRACKING_BOOK_TEMPLATES, 'TRACKING_BOOK', set)!;
  const data = await loadTrackingBook(ctx.db, unit, from, to);
  return render(template.build(data), q.format);
}
