const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A string PostgreSQL's `::uuid` accepts in the canonical form: checked before it reaches a shared statement. */
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
