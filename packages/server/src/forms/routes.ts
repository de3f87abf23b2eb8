import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../platform/http';
import type { Db } from '../platform/db';
import { formSlugs, type FormSlug } from './registry';
import { dossierForm, trackingBook, type RenderedForm } from './service';
import { FONT_FILES } from './html';
import { tinosFonts } from './fonts';

const tags = ['Biểu mẫu (forms)'];
const slugs = Object.keys(formSlugs) as [FormSlug, ...FormSlug[]];
const fontNames = Object.keys(FONT_FILES) as [keyof typeof FONT_FILES, ...(keyof typeof FONT_FILES)[]];

export interface FormRoutesOptions {
  db: Db;
  /** PUBLIC_URL: the base of the lookup link in the receipt slip's QR code; else the request's own origin. */
  publicUrl?: string | undefined;
}

function send(reply: FastifyReply, out: RenderedForm) {
  return reply
    .type(out.contentType)
    .header('content-disposition', `${out.disposition}; filename="${out.filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-form-template', `${out.templateId}@${out.templateVersion}`)
    .send(out.body);
}

export async function formRoutes(app: FastifyInstance, opts: FormRoutesOptions) {
  const r = typed(app);
  const publicBase = (req: FastifyRequest) => opts.publicUrl ?? `${req.protocol}://${req.host}`;

  r.get('/api/v1/dossiers/:id/forms/:form', {
    schema: {
      tags,
      summary:
        'Biểu mẫu của hồ sơ (PDF hoặc HTML): giấy tiếp nhận, phiếu yêu cầu bổ sung, phiếu từ chối, phiếu xin lỗi, thông báo dừng (2025), phiếu kiểm soát; bộ 2018 hoặc 2025 theo chế độ của hồ sơ',
      params: z.strictObject({
        id: z.uuid({ message: 'Mã định danh không hợp lệ.' }),
        form: z.enum(slugs, { message: `Biểu mẫu phải là một trong: ${slugs.join(', ')}.` }),
      }),
      querystring: z.object({
        format: z.enum(['pdf', 'html'], { message: 'Định dạng phải là pdf hoặc html.' }).default('pdf'),
      }),
      produces: ['application/pdf', 'text/html'],
      response: problems(400, 401, 403, 404, 409),
    },
    handler: async (req, reply) =>
      send(
        reply,
        await dossierForm(req.ctx, req.params.id, formSlugs[req.params.form], req.query.format, publicBase(req)),
      ),
  });

  r.get('/api/v1/tracking-book', {
    schema: {
      tags,
      summary: 'Sổ theo dõi hồ sơ của đơn vị (XLSX, PDF hoặc HTML): hồ sơ tiếp nhận từ ngày đến ngày',
      querystring: z.object({
        unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ (UUID).' }),
        from: z.string().max(10),
        to: z.string().max(10),
        format: z.enum(['xlsx', 'pdf', 'html'], { message: 'Định dạng phải là xlsx, pdf hoặc html.' }).default('xlsx'),
        formSet: z.enum(['2018', '2025'], { message: 'Bộ biểu mẫu là 2018 hoặc 2025.' }).optional(),
      }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf', 'text/html'],
      response: problems(400, 401, 403, 404),
    },
    handler: async (req, reply) => send(reply, await trackingBook(req.ctx, req.query)),
  });

  r.get('/api/v1/forms/fonts/:name', {
    schema: {
      tags,
      security: [],
      summary: 'Phông chữ Tinos của các biểu mẫu HTML (công khai, SIL OFL)',
      params: z.strictObject({ name: z.enum(fontNames) }),
      produces: ['font/ttf'],
      response: problems(400),
    },
    handler: async (req, reply: FastifyReply) =>
      reply
        .type('font/ttf')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(tinosFonts()[FONT_FILES[req.params.name]]),
  });
}
