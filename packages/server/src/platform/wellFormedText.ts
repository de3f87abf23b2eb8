/**
 * A JSON body may spell half of a UTF-16 surrogate pair (`"\ud800"`): JavaScript keeps the lone half, but
 * PostgreSQL refuses it in text and jsonb, so such a request failed with a 500 after reaching the database. It is
 * refused at the edge instead, naming the field, before any route runs.
 */
import type { FastifyInstance } from 'fastify';
import { DomainError } from '@motcua/domain';
import { pathOf } from './errors';

// ES2024's String.prototype.isWellFormed (Node 20), not in the ES2023 lib the project compiles against.
const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** The path to the first string or key of a parsed JSON value holding a lone surrogate, or undefined. */
export function illFormedPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return wellFormed(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedPath(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  // Only what a JSON parser builds: buffers and streams of other content types are not text.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  for (const [key, v] of Object.entries(value)) {
    if (!wellFormed(key)) return [...path, key];
    const found = illFormedPath(v, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/** Every route: a body with a lone surrogate gets 400 VALIDATION_FAILED naming the field, and nothing runs. */
export function refuseIllFormedText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const path = request.body === undefined ? undefined : illFormedPath(request.body);
    if (path)
      throw new DomainError('VALIDATION_FAILED', [
        {
          // A key that is itself ill-formed is named '?': the field name must be storable and printable too.
          field: pathOf(
            path.map((p) => (wellFormed(String(p)) ? p : '?')),
            'body',
          ),
          message: 'Văn bản chứa ký tự không hợp lệ (nửa cặp ký tự UTF-16).',
        },
      ]);
  });
}
