import type { ActionRow } from './store';

/** A logged action as the action's read returns it: no actor name (names are read fresh for every answer). */
export type LoggedAction = Omit<ActionRow, 'actorName'>;

/**
 * The dossiers' logs as the last answers of this process saw them. The log is append-only (a trigger refuses
 * UPDATE and DELETE), so a prefix once read stays true: the action's read then fetches only the entries after
 * it instead of the whole log for every answer. Bounded; least recently used first out. One per app, since two
 * databases made from one template hold the same dossier ids.
 */
export class LogCache {
  private readonly logs = new Map<string, readonly LoggedAction[]>();

  constructor(private readonly max = 2_000) {}

  /** The cached prefix of a dossier's log (empty when unknown). */
  known(dossierId: string): readonly LoggedAction[] {
    const log = this.logs.get(dossierId);
    if (!log) return [];
    this.logs.delete(dossierId);
    this.logs.set(dossierId, log);
    return log;
  }

  /**
   * The whole log from the cached prefix and the entries read after it, or undefined when they do not join
   * (seq 1…version without a hole); the entry is then dropped so the next read takes the whole log.
   */
  join(dossierId: string, prefix: readonly LoggedAction[], fresh: readonly LoggedAction[], version: number) {
    const log = [...prefix, ...fresh];
    if (log.length !== version || log.some((a, i) => a.seq !== i + 1)) {
      this.logs.delete(dossierId);
      return undefined;
    }
    return log;
  }

  /** Keeps the log after an accepted action. */
  remember(dossierId: string, log: readonly LoggedAction[]): void {
    this.logs.delete(dossierId);
    this.logs.set(dossierId, log);
    if (this.logs.size > this.max) this.logs.delete(this.logs.keys().next().value!);
  }
}
