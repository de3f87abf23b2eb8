import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError, isAllowed } from '@motcua/domain';
import { problems, typed } from '../platform/http';
import { requireActor } from '../access/guard';
import { ancestorPath } from '../units/store';
import type { RequestContext } from '../platform/context';
import type { Jobs } from '../jobs/queue';
import { queues } from '../jobs/queue';
import { listAnchors, verifyAudit } from './service';

const brokenRow = z.object({
  id: z.number(),
  chainKey: z.string(),
  seq: z.number(),
  reason: z.enum(['HASH_MISMATCH', 'PREVIOUS_HASH_MISMATCH', 'SEQUENCE_GAP', 'HEAD_MISMATCH', 'ANCHOR_MISMATCH']),
});
const verifyReport = z
  .object({
    ok: z.boolean(),
    rows: z.number(),
    chains: z.number(),
    anchors: z.number(),
    firstBroken: brokenRow.nullable(),
    broken: z.array(brokenRow),
  })
  .meta({ id: 'AuditVerifyReport' });
const anchor = z.object({
  id: z.number(),
  at: z.string(),
  hash: z.string(),
  prevHash: z.string().nullable(),
  createdBy: z.string(),
  chainCount: z.number(),
});

/** The audit log spans every unit: only an administrator of a root unit with its subtree may verify it. */
async function requireRootAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx);
  for (const g of actor.grants) {
    if (!g.includeSubtree) continue;
    const path = await ancestorPath(ctx.db, g.unitId);
    if (path.length === 1 && isAllowed(actor, 'audit.verify', path)) return;
  }
  throw new DomainError('FORBIDDEN');
}

export async function auditRoutes(app: FastifyInstance, opts: { jobs: Jobs }) {
  const r = typed(app);
  const tags = ['Nhật ký kiểm tra (audit)'];
  r.get('/api/v1/audit/verify', {
    schema: {
      tags,
      summary: 'Kiểm tra toàn bộ chuỗi băm của nhật ký; nêu dòng sai đầu tiên',
      response: { 200: verifyReport, ...problems(401, 403) },
    },
    handler: async (req) => {
      await requireRootAdmin(req.ctx);
      return verifyAudit(req.ctx.db);
    },
  });
  r.get('/api/v1/audit/anchors', {
    schema: {
      tags,
      summary: 'Các mốc neo gần nhất của nhật ký',
      response: { 200: z.object({ items: z.array(anchor) }), ...problems(401, 403) },
    },
    handler: async (req) => {
      await requireRootAdmin(req.ctx);
      const rows = await listAnchors(req.ctx.db);
      return {
        items: rows.map((a) => ({
          id: a.id,
          at: a.at.toISOString(),
          hash: a.hash,
          prevHash: a.prevHash,
          createdBy: a.createdBy,
          chainCount: a.entries.length,
        })),
      };
    },
  });
  r.post('/api/v1/audit/anchors', {
    schema: {
      tags,
      summary: 'Xếp hàng công việc tạo mốc neo (chạy nền, ở bất kỳ tiến trình worker nào)',
      response: { 202: z.object({ jobId: z.string().nullable() }), ...problems(401, 403) },
    },
    handler: async (req, reply) => {
      await requireRootAdmin(req.ctx);
      return reply.status(202).send({ jobId: await opts.jobs.send(queues.auditAnchor) });
    },
  });
}
