import type { Actor } from '@motcua/domain';
import type { Db } from './db';

/** What a use case needs from the request: the database, who acts, and the request id for the audit. */
export interface RequestContext {
  db: Db;
  actor: Actor | undefined;
  actorName: string;
  requestId: string;
  /** Business date for "as of" defaults, in Asia/Ho_Chi_Minh. */
  today: string;
}

export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
