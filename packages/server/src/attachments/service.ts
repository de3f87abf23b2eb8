/**
 * Dossier attachments (spec one-stop-dossiers §5.2, §10, §14.1): upload, list, download. Who may: officers
 * with `dossiers.receive` or `dossiers.process` (upload) / `dossiers.read` (read) on the dossier's unit, and
 * the citizen who submitted the dossier (components and supplements only). Out of reach looks like missing.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { DomainError, hasPermissionSomewhere, isAllowed, type FieldError, type Permission } from '@motcua/domain';
import { formatInstantVN } from '@motcua/domain/calendar/index';
import type { Config } from '../platform/config';
import { loadConfig } from '../platform/config';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { requireActor } from '../access/guard';
import { recordAudit } from '../audit/service';
import { ancestorPath } from '../units/store';
import {
  allowedTypeNames,
  allowedTypes,
  cleanLabel,
  detectType,
  downloadFilename,
  LABEL_MAX,
  truncateLabel,
} from './content';
import { sha256Hex, type FileStore } from './storage';
import * as store from './store';

export const attachmentPurposes = ['COMPONENT', 'SUPPLEMENT', 'RESULT', 'POSTAL_RECEIPT', 'OTHER'] as const;
export type AttachmentPurpose = (typeof attachmentPurposes)[number];
/** What the applicant may attach to their own dossier. */
const applicantPurposes: ReadonlySet<string> = new Set<AttachmentPurpose>(['COMPONENT', 'SUPPLEMENT']);
/** Purposes that point at one of the procedure's papers. */
const paperPurposes: ReadonlySet<string> = new Set<AttachmentPurpose>(['COMPONENT', 'SUPPLEMENT']);

export const attachmentView = z.object({
  id: z.string(),
  purpose: z.enum(attachmentPurposes),
  paperIndex: z.number().int().nullable(),
  label: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

/** The text fields of the multipart form (all strings on the wire). */
export const uploadFields = z.strictObject({
  purpose: z.enum(attachmentPurposes, {
    message: `Mục đích phải là một trong ${attachmentPurposes.join(', ')}.`,
  }),
  paperIndex: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, 'Số thứ tự giấy tờ phải là số nguyên không âm.')
    .transform(Number)
    .optional(),
  label: z.string().max(2000, `Tên hiển thị tối đa ${LABEL_MAX} ký tự.`).optional(),
});

export interface UploadForm {
  fields: Record<string, string>;
  file: { data: Buffer; filename: string } | undefined;
}

export interface AttachmentDeps {
  files: FileStore;
  maxBytes: number;
}

type Reach = 'officer' | 'applicant';

export interface DossierAccess {
  dossier: store.DossierRef;
  reach: Reach;
}

const readPermissions: Permission[] = ['dossiers.read'];
const writePermissions: Permission[] = ['dossiers.receive', 'dossiers.process'];

/**
 * Officers through a grant on the dossier's unit, the applicant through `submitted_by`. A role that can
 * neither handle dossiers nor submit them is told 403 whatever the id; everyone else gets the same 404 for
 * a missing dossier and for one out of reach.
 */
async function reachOf(
  ctx: RequestContext,
  dossier: store.DossierRef | undefined,
  mode: 'read' | 'write',
): Promise<Reach> {
  const actor = requireActor(ctx);
  const permissions = mode === 'write' ? writePermissions : readPermissions;
  const staff = permissions.some((p) => hasPermissionSomewhere(actor, p));
  if (dossier && staff) {
    const path = await ancestorPath(ctx.db, dossier.unitId);
    if (permissions.some((p) => isAllowed(actor, p, path))) return 'officer';
  }
  if (dossier && dossier.submittedBy === actor.userId) return 'applicant';
  if (!staff && !hasPermissionSomewhere(actor, 'dossiers.submit')) throw new DomainError('FORBIDDEN');
  throw new DomainError('NOT_FOUND');
}

/** Checked before the upload's body is read. */
export async function uploadAccess(ctx: RequestContext, dossierId: string): Promise<DossierAccess> {
  requireActor(ctx);
  const dossier = await store.findDossierRef(ctx.db, dossierId);
  const reach = await reachOf(ctx, dossier, 'write');
  return { dossier: dossier!, reach };
}

const iso = (d: Date) => formatInstantVN(d.getTime());

function view(row: store.AttachmentRow): AttachmentView {
  return {
    id: row.id,
    purpose: row.purpose as AttachmentPurpose,
    paperIndex: row.paperIndex,
    label: row.label,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedAt: iso(row.uploadedAt),
  };
}

function zodFields(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ field: `body.${key}`, message: 'Trường không được hỗ trợ.' }))
      : [{ field: ['body', ...i.path.map(String)].join('.'), message: i.message }],
  );
}

export async function upload(
  ctx: RequestContext,
  deps: AttachmentDeps,
  access: DossierAccess,
  form: UploadForm,
): Promise<AttachmentView> {
  const actor = requireActor(ctx);
  const { dossier } = access;
  const errors: FieldError[] = [];
  const parsed = uploadFields.safeParse(form.fields);
  if (!parsed.success) errors.push(...zodFields(parsed.error));
  if (!form.file) errors.push({ field: 'body.file', message: 'Cần gửi một tệp trong trường file.' });
  else if (form.file.data.length === 0) errors.push({ field: 'body.file', message: 'Tệp rỗng.' });
  if (form.file && form.file.data.length > deps.maxBytes) throw new DomainError('ATTACHMENT_TOO_LARGE');

  let label = '';
  if (parsed.success) {
    const input = parsed.data;
    if (input.label !== undefined) {
      label = cleanLabel(input.label);
      if (Array.from(label).length > LABEL_MAX)
        errors.push({ field: 'body.label', message: `Tên hiển thị tối đa ${LABEL_MAX} ký tự.` });
    }
    if (input.paperIndex !== undefined) {
      if (!paperPurposes.has(input.purpose))
        errors.push({
          field: 'body.paperIndex',
          message: 'Chỉ thành phần hồ sơ và tài liệu bổ sung mới gắn với một giấy tờ của thủ tục.',
        });
      else if (dossier.procedureVersionId) {
        const n = await store.paperCount(ctx.db, dossier.procedureVersionId);
        if (n !== undefined && input.paperIndex >= n)
          errors.push({
            field: 'body.paperIndex',
            message: `Thủ tục có ${n} giấy tờ (số thứ tự từ 0 đến ${n - 1}).`,
          });
      }
    }
  }
  if (errors.length > 0 || !parsed.success || !form.file) throw new DomainError('VALIDATION_FAILED', errors);
  const input = parsed.data;
  const data = form.file.data;

  if (access.reach === 'applicant' && !applicantPurposes.has(input.purpose))
    throw new DomainError('ATTACHMENT_PURPOSE_NOT_ALLOWED', [
      { field: 'body.purpose', message: 'Người nộp chỉ đính kèm được COMPONENT hoặc SUPPLEMENT.' },
    ]);

  const detection = await detectType(data);
  if (!detection.ok)
    throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', [
      {
        field: 'body.file',
        message: detection.detected
          ? `Nội dung tệp là ${detection.detected}; chỉ nhận ${allowedTypeNames}.`
          : `Không nhận ra loại tệp từ nội dung; chỉ nhận ${allowedTypeNames}.`,
      },
    ]);
  const { mediaType } = detection.type;

  if (!label) label = truncateLabel(cleanLabel(form.file.filename));
  if (!label) label = 'Tệp đính kèm';

  const sha256 = sha256Hex(data);
  // The bytes first: a failed transaction leaves at most an unreferenced, content-addressed file behind.
  const { key } = await deps.files.put(data);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await store.insertAttachment(trx, {
      id: randomUUID(),
      dossierId: dossier.id,
      purpose: input.purpose,
      paperIndex: input.paperIndex ?? null,
      label,
      mediaType,
      sizeBytes: data.length,
      sha256,
      storageKey: key,
      uploadedBy: actor.userId,
    });
    await recordAudit(trx, {
      actor: { userId: actor.userId, name: ctx.actorName },
      unitId: dossier.unitId,
      action: 'dossier.attach',
      entityType: 'dossier',
      entityId: dossier.id,
      after: {
        attachmentId: inserted.id,
        purpose: inserted.purpose,
        paperIndex: inserted.paperIndex,
        label,
        mediaType,
        sizeBytes: inserted.sizeBytes,
        sha256,
      },
      summary: `Đính kèm tệp “${label}” (${input.purpose}) vào hồ sơ ${dossier.code ?? dossier.id}`,
      requestId: ctx.requestId,
    });
    return inserted;
  });
  return view(row);
}

export async function list(ctx: RequestContext, dossierId: string): Promise<{ items: AttachmentView[] }> {
  requireActor(ctx);
  const dossier = await store.findDossierRef(ctx.db, dossierId);
  await reachOf(ctx, dossier, 'read');
  return { items: (await store.attachmentsOf(ctx.db, dossierId)).map(view) };
}

export interface AttachmentContent {
  attachment: AttachmentView;
  filename: string;
  stream: Readable;
}

export async function openContent(ctx: RequestContext, files: FileStore, id: string): Promise<AttachmentContent> {
  requireActor(ctx);
  const row = await store.findAttachment(ctx.db, id);
  const dossier = row && (await store.findDossierRef(ctx.db, row.dossierId));
  await reachOf(ctx, dossier, 'read');
  const attachment = view(row!);
  if (!(await files.exists(row!.storageKey)))
    throw new Error(`attachment ${id}: stored file ${row!.storageKey} is missing`);
  // The stored media type came from detection, so it is one of the allowed ones.
  const ext = allowedTypes[attachment.mediaType] ?? 'bin';
  return { attachment, filename: downloadFilename(attachment.label, ext), stream: await files.get(row!.storageKey) };
}

/** The public base of absolute links: PUBLIC_URL, or the local address. */
export function publicBaseOf(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

/**
 * For the dossier service when a leader resolves with an uploaded result: the attachment's absolute download
 * URL and SHA-256, only if it is a RESULT attachment of the same dossier. `publicBase` defaults to the one the
 * environment configures (PUBLIC_URL, or http://localhost:PORT).
 */
export async function resultAttachment(
  db: Db,
  dossierId: string,
  attachmentId: string,
  publicBase: string = publicBaseOf(loadConfig()),
): Promise<{ url: string; sha256: string } | undefined> {
  if (!z.uuid().safeParse(attachmentId).success || !z.uuid().safeParse(dossierId).success) return undefined;
  const row = await store.findAttachment(db, attachmentId);
  if (!row || row.dossierId !== dossierId || row.purpose !== 'RESULT') return undefined;
  return { url: `${publicBase.replace(/\/+$/, '')}/api/v1/attachments/${row.id}/content`, sha256: row.sha256 };
}
