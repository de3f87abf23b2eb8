import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { DomainError, type FieldError } from '@motcua/domain';
import type { Config } from '../platform/config';
import type { Db } from '../platform/db';
import { idParams, problems, typed } from '../platform/http';
import { contentDisposition } from './content';
import { fileStoreFor, type FileStore } from './storage';
import * as service from './service';

const tags = ['Tệp đính kèm hồ sơ (attachments)'];
const FIELD_MAX_BYTES = 4096;

const multipartError = (message: string, field = 'body') =>
  new DomainError('VALIDATION_FAILED', [{ field, message }], 'Không đọc được nội dung multipart/form-data.');

/**
 * The form: one file in `file`, text fields as strings. Only the limits are enforced here (the file size
 * while it streams in, so an oversized file is never kept); what the fields mean is the service's business.
 */
async function readForm(req: FastifyRequest): Promise<service.UploadForm> {
  if (!req.isMultipart())
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      [{ field: 'body.file', message: 'Cần gửi multipart/form-data với tệp trong trường file.' }],
      'Tải tệp lên bằng multipart/form-data.',
    );
  const fields: Record<string, string> = {};
  let file: service.UploadForm['file'];
  const errors: FieldError[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          errors.push({ field: `body.${part.fieldname}`, message: 'Chỉ nhận tệp trong trường file.' });
          continue;
        }
        file = { data: await part.toBuffer(), filename: part.filename ?? '' };
      } else if (part.fieldname === 'file') {
        errors.push({ field: 'body.file', message: 'Trường file phải là một tệp.' });
      } else if (part.valueTruncated) {
        errors.push({ field: `body.${part.fieldname}`, message: 'Giá trị quá dài.' });
      } else if (Object.hasOwn(fields, part.fieldname)) {
        errors.push({ field: `body.${part.fieldname}`, message: 'Trường bị gửi nhiều lần.' });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    switch ((e as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw new DomainError('ATTACHMENT_TOO_LARGE');
      case 'FST_FILES_LIMIT':
        throw multipartError('Chỉ gửi một tệp mỗi lần.', 'body.file');
      case 'FST_FIELDS_LIMIT':
      case 'FST_PARTS_LIMIT':
        throw multipartError('Quá nhiều trường trong biểu mẫu.');
      default:
        throw multipartError('Nội dung multipart/form-data không hợp lệ.');
    }
  }
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', errors);
  return { fields, file };
}

export async function attachmentRoutes(app: FastifyInstance, opts: { db: Db; config: Config; files?: FileStore }) {
  const files = opts.files ?? fileStoreFor(opts.config);
  const deps: service.AttachmentDeps = { files, maxBytes: opts.config.attachmentMaxBytes };
  await app.register(multipart, {
    limits: {
      fileSize: opts.config.attachmentMaxBytes,
      files: 1,
      fields: 5,
      parts: 8,
      fieldSize: FIELD_MAX_BYTES,
      fieldNameSize: 100,
      headerPairs: 50,
    },
  });
  const r = typed(app);

  r.post('/api/v1/dossiers/:id/attachments', {
    schema: {
      tags,
      summary:
        'Đính kèm tệp vào hồ sơ (multipart/form-data: file, purpose, paperIndex?, label?); loại tệp kiểm tra theo nội dung: PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: service.attachmentView, ...problems(400, 401, 403, 404, 413, 415) },
    },
    handler: async (req, reply) => {
      // who may attach is settled before the file is read
      const access = await service.uploadAccess(req.ctx, req.params.id);
      const form = await readForm(req);
      return reply.status(201).send(await service.upload(req.ctx, deps, access, form));
    },
  });

  r.get('/api/v1/dossiers/:id/attachments', {
    schema: {
      tags,
      summary: 'Các tệp đính kèm của hồ sơ',
      params: idParams,
      response: { 200: z.object({ items: z.array(service.attachmentView) }), ...problems(401, 403, 404) },
    },
    handler: (req) => service.list(req.ctx, req.params.id),
  });

  r.get('/api/v1/attachments/:id/content', {
    schema: {
      tags,
      summary: 'Tải tệp đính kèm (Content-Disposition: attachment; loại tệp theo nội dung đã kiểm tra)',
      params: idParams,
      response: { 200: z.unknown().describe('Nội dung tệp (bytes)'), ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => {
      const c = await service.openContent(req.ctx, files, req.params.id);
      return reply
        .type(c.attachment.mediaType)
        .header('content-length', c.attachment.sizeBytes)
        .header('content-disposition', contentDisposition(c.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(c.stream);
    },
  });
}
