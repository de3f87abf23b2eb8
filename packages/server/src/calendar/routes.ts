import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../platform/db';
import { idParams, problems, requireIfMatch, typed, etagOf, ifMatchHeader } from '../platform/http';
import { calendarCacheFor } from './cache';
import {
  deleteQuery,
  dueQuery,
  dueResponse,
  entryCreateBody,
  entryList,
  entryListQuery,
  entryPatchBody,
  entryView,
  settingsBody,
  settingsResponse,
  unitParams,
  unitQuery,
  yearParams,
  yearResponse,
} from '@motcua/domain/schemas/calendar';
import * as service from './service';

const tags = ['Lịch làm việc và thời hạn (calendar)'];
const publicRoute = { security: [] };

/** One cache per app instance; other processes' edits are noticed through calendar_revision. */
export async function calendarRoutes(app: FastifyInstance, opts: { db: Db }) {
  const r = typed(app);
  const cache = calendarCacheFor(opts.db);

  r.get('/api/v1/calendar/due', {
    schema: {
      tags,
      ...publicRoute,
      summary: 'Tính hạn trả kết quả (công khai): thời điểm tiếp nhận chính thức, hạn trả và giải thích',
      querystring: dueQuery,
      response: { 200: dueResponse, ...problems(400, 404) },
    },
    handler: (req) => service.due(cache, req.query),
  });

  r.get('/api/v1/calendar/entries', {
    schema: {
      tags,
      summary: 'Quản trị: danh sách ngày nghỉ / ngày làm bù đã nhập (mọi phạm vi), theo năm',
      querystring: entryListQuery,
      response: { 200: entryList, ...problems(400, 401, 403) },
    },
    handler: (req) => service.listEntries(req.ctx, req.query),
  });
  r.get('/api/v1/calendar/entries/:id', {
    schema: {
      tags,
      summary: 'Quản trị: một ngày nghỉ / ngày làm bù',
      params: idParams,
      response: { 200: entryView, ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => {
      const e = await service.getEntry(req.ctx, req.params.id);
      return reply.header('etag', etagOf(e)).send(e);
    },
  });
  r.post('/api/v1/calendar/entries', {
    schema: {
      tags,
      summary: 'Quản trị: thêm ngày nghỉ, nghỉ bù, hoán đổi, làm bù hoặc tạm ngừng tiếp nhận (cần căn cứ pháp lý)',
      body: entryCreateBody,
      response: { 201: entryView, ...problems(400, 401, 403) },
    },
    handler: async (req, reply) => {
      const e = await service.createEntry(req.ctx, cache, req.body);
      return reply.status(201).header('etag', etagOf(e)).send(e);
    },
  });
  r.patch('/api/v1/calendar/entries/:id', {
    schema: {
      tags,
      summary: 'Quản trị: sửa hoặc xác nhận (confirmed=true) một ngày; cần If-Match và lý do',
      params: idParams,
      headers: ifMatchHeader,
      body: entryPatchBody,
      response: { 200: entryView, ...problems(400, 401, 403, 404, 412, 428) },
    },
    handler: async (req, reply) => {
      const e = await service.updateEntry(
        req.ctx,
        cache,
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply.header('etag', etagOf(e)).send(e);
    },
  });
  r.delete('/api/v1/calendar/entries/:id', {
    schema: {
      tags,
      summary: 'Quản trị: xóa một ngày; cần If-Match và lý do (?reason=)',
      params: idParams,
      headers: ifMatchHeader,
      querystring: deleteQuery,
      response: { 204: z.null().meta({ description: 'Đã xóa' }), ...problems(400, 401, 403, 404, 412, 428) },
    },
    handler: async (req, reply) => {
      await service.deleteEntry(
        req.ctx,
        cache,
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.query.reason,
      );
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/calendar/units/:unitId/settings', {
    schema: {
      tags,
      summary: 'Quản trị: giờ làm việc, tiếp nhận thứ Bảy và cách tính giờ hạn của đơn vị (riêng và đang áp dụng)',
      params: unitParams,
      response: { 200: settingsResponse, ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const s = await service.getSettings(req.ctx, cache, req.params.unitId);
      return reply.header('etag', etagOf(s)).send(s);
    },
  });
  r.put('/api/v1/calendar/units/:unitId/settings', {
    schema: {
      tags,
      summary: 'Quản trị: đặt giờ làm việc / tiếp nhận thứ Bảy của đơn vị; If-Match "0" khi chưa có cài đặt riêng',
      params: unitParams,
      headers: ifMatchHeader,
      body: settingsBody,
      response: { 200: settingsResponse, ...problems(400, 401, 403, 404, 412, 428) },
    },
    handler: async (req, reply) => {
      const s = await service.putSettings(
        req.ctx,
        cache,
        req.params.unitId,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply.header('etag', etagOf(s)).send(s);
    },
  });

  // Last: /api/v1/calendar/due and /entries are static and win over the parameter.
  r.get('/api/v1/calendar/:year', {
    schema: {
      tags,
      ...publicRoute,
      summary:
        'Lịch nghỉ của một năm (công khai): ngày nghỉ trong tuần, ngày làm bù, lý do và căn cứ; đề xuất chưa xác nhận',
      params: yearParams,
      querystring: unitQuery,
      response: { 200: yearResponse, ...problems(400, 404) },
    },
    handler: (req) => service.year(cache, req.params.year, req.query.unitId),
  });
}
