import { DomainError } from '@motcua/domain';

/** Opaque keyset cursor: the sort key and id of the last item of the previous page. */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { sortKey: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [sortKey, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof sortKey === 'string' && typeof id === 'string') return { sortKey, id };
  } catch {
    /* fall through */
  }
  throw new DomainError('VALIDATION_FAILED', [{ field: 'query.cursor', message: 'Con trỏ phân trang không hợp lệ.' }]);
}

export function pageResult<T extends { id: string }>(rows: T[], limit: number, sortKey: (row: T) => string) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(sortKey(last), last.id) : null };
}
