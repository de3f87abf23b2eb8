import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createUnitBody,
  reorganisationBody,
  unit,
  unitDetail,
  unitListQuery,
  unitPage,
  updateUnitBody,
} from '@motcua/domain';
import { idParams, problems, requireIfMatch, typed, etagOf, ifMatchHeader } from '../platform/http';
import * as service from './service';

const tags = ['Đơn vị hành chính (units)'];

export async function unitRoutes(app: FastifyInstance) {
  const r = typed(app);
  r.get('/api/v1/units', {
    schema: {
      tags,
      summary: 'Danh sách đơn vị có hiệu lực vào một ngày (as of), theo cấp trên hoặc tìm kiếm không dấu',
      querystring: unitListQuery,
      response: { 200: unitPage, ...problems(400, 401, 403) },
    },
    handler: (req) => service.listUnits(req.ctx, req.query),
  });
  r.get('/api/v1/units/:id', {
    schema: {
      tags,
      summary: 'Chi tiết đơn vị: cấp trên, tiền thân, kế thừa, lịch sử',
      params: idParams,
      response: { 200: unitDetail, ...problems(401, 403, 404) },
    },
    handler: (req) => service.getUnit(req.ctx, req.params.id),
  });
  r.post('/api/v1/units', {
    schema: {
      tags,
      summary: 'Tạo đơn vị',
      body: createUnitBody,
      response: { 201: unit, ...problems(400, 401, 403, 409) },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createUnit(req.ctx, req.body)),
  });
  r.patch('/api/v1/units/:id', {
    schema: {
      tags,
      summary: 'Sửa đơn vị (cần If-Match với phiên bản hiện tại)',
      params: idParams,
      headers: ifMatchHeader,
      body: updateUnitBody,
      response: { 200: unit, ...problems(400, 401, 403, 404, 409, 412, 428) },
    },
    handler: async (req, reply) => {
      const result = await service.updateUnit(
        req.ctx,
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply.header('etag', etagOf(result)).send(result);
    },
  });
  r.post('/api/v1/units/reorganisations', {
    schema: {
      tags,
      summary: 'Sắp xếp đơn vị: hợp nhất hoặc chia tách theo nghị quyết, có ngày hiệu lực',
      body: reorganisationBody,
      response: { 201: z.object({ targets: z.array(unit) }), ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => reply.status(201).send(await service.reorganise(req.ctx, req.body)),
  });
}
