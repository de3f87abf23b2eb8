import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../platform/http';
import { XLSX_TYPE } from './layout';
import { bieu07b, type StatOutput } from './service';

const tags = ['Thống kê (statistics)'];

/** A report as JSON, or a download with its Vietnamese-safe Content-Disposition. */
export function sendStat(reply: FastifyReply, out: StatOutput) {
  reply.header('cache-control', 'private, no-store');
  if (out.kind === 'json') return reply.send(out.body);
  return reply.type(out.contentType).header('content-disposition', out.disposition).send(out.body);
}

export async function statsRoutes(app: FastifyInstance) {
  const r = typed(app);

  r.get('/api/v1/statistics/bieu07b', {
    schema: {
      tags,
      summary:
        'Biểu II.07b/VPCP/KSTT của đơn vị (JSON, XLSX hoặc PDF): số TTHC thuộc thẩm quyền, thực hiện theo cơ chế một cửa, số quy trình nội bộ được ban hành, theo cấp, tại ngày asOf',
      querystring: z.strictObject({
        unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ (UUID).' }),
        asOf: z.string().max(10, { message: 'Ngày có dạng YYYY-MM-DD.' }).optional(),
        format: z.enum(['json', 'xlsx', 'pdf'], { message: 'Định dạng phải là json, xlsx hoặc pdf.' }).default('json'),
      }),
      produces: ['application/json', XLSX_TYPE, 'application/pdf'],
      response: problems(400, 401, 403, 404),
    },
    handler: async (req, reply) => sendStat(reply, await bieu07b(req.ctx, req.query)),
  });
}
