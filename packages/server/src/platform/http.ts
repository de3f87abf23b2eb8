import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, problem } from '@motcua/domain';

export type App = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** Error responses every route may give, for the OpenAPI document. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, problem.describe('Problem details (RFC 9457)')]));

export const idParams = z.strictObject({ id: z.uuid({ message: 'Mã định danh không hợp lệ.' }) });

/** The `If-Match` request header of every versioned update, for the OpenAPI document. */
export const ifMatchHeader = z.object({ 'if-match': z.string().optional() });

/** The ETag a client echoes as If-Match on its next update of the record. */
export const etagOf = (record: { version: number | null }) => `"${record.version}"`;

/** Parses `If-Match: "3"` (or W/"3" or 3); a write without it is refused (428) so no update is blind. */
export function requireIfMatch(header: string | undefined): number {
  if (!header) throw new DomainError('PRECONDITION_REQUIRED');
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new DomainError('PRECONDITION_FAILED');
  return Number(match[1]);
}
