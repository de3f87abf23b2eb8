/**
 * Group commit of the actions' reads and guarded writes (`platform/batching.ts`). Writes of different dossiers
 * that wait for the database share one statement (`store.appendAndProjectMany`), each row still guarded by its
 * own version; two writes of one dossier never share one. A statement that fails whole (a key already taken, a
 * deadlock) is retried row by row, so every caller gets the answer its own statement would have given. Reads
 * outside a transaction share one statement the same way (`store.readForActions`).
 */
import { Batcher } from '../platform/batching';
import type { Db } from '../platform/db';
import * as store from './store';

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export function writeBatcher(db: Db, inFlight = 1): Batcher<store.GuardedWrite, boolean> {
  const alone = (w: store.GuardedWrite) =>
    store.appendAndProject(db, w.dossierId, w.version, w.action, w.at, w.state, w.extra, w.outbox).catch(toError);
  return new Batcher(
    async (writes) => {
      if (writes.length > 1) {
        const written = await store.appendAndProjectMany(db, writes).catch(() => undefined);
        if (written) return writes.map((_, i) => written.has(i));
      }
      return Promise.all(writes.map(alone));
    },
    { inFlight, exclusiveKey: (w) => w.dossierId },
  );
}

export interface ActionReads {
  /** The read of `store.lockForAction` without the lock: with the view's parts, or without. */
  read(r: store.ActionRead): Promise<store.LockedDossier | undefined>;
}

export function readBatcher(db: Db, inFlight = 1): ActionReads {
  const withView = new Batcher((reads: store.ActionRead[]) => store.readForActions(db, reads, true), { inFlight });
  const minimal = new Batcher((reads: store.ActionRead[]) => store.readForActions(db, reads, false), { inFlight });
  return { read: (r) => (r.afterSeq === null ? minimal : withView).submit(r) };
}
