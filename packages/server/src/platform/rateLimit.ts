import { sql } from 'kysely';
import type { Db } from './db';

export interface RateLimitResult {
  hits: number;
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counter in PostgreSQL, shared by every server process. One upsert per hit: the counter
 * restarts when its window has passed.
 */
export async function hit(db: Db, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const row = await sql<{ hits: number; window_start: Date }>`
    INSERT INTO rate_limit_counter AS c (key, window_start, hits) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN c.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE c.hits + 1 END,
      window_start = CASE WHEN c.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE c.window_start END
    RETURNING hits, window_start`.execute(db);
  const r = row.rows[0]!;
  const elapsed = (Date.now() - r.window_start.getTime()) / 1000;
  return { hits: r.hits, allowed: r.hits <= limit, retryAfterSeconds: Math.max(1, Math.ceil(windowSeconds - elapsed)) };
}

/** Current count without counting a hit. */
export async function peek(db: Db, key: string, windowSeconds: number): Promise<number> {
  const row = await sql<{ hits: number }>`
    SELECT hits FROM rate_limit_counter
    WHERE key = ${key} AND window_start >= now() - make_interval(secs => ${windowSeconds})`.execute(db);
  return row.rows[0]?.hits ?? 0;
}

export async function reset(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limit_counter').where('key', '=', key).execute();
}
