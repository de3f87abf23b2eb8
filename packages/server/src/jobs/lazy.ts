import type { Db } from '../platform/db';
import type { Logger } from 'pino';
import { startJobs, type Jobs } from './queue';

/** Starts the queue on first use: processes that never enqueue (CLI, most tests) pay nothing for it. */
export function lazyJobs(
  url: string,
  db: Db,
  options: { worker: boolean; processName: string; logger: Logger },
): Jobs & { start(): Promise<Jobs> } {
  let started: Promise<Jobs> | undefined;
  const get = () => (started ??= startJobs(url, db, options));
  return {
    start: get,
    send: async (name, data) => (await get()).send(name, data),
    stop: async () => {
      if (started) await (await started).stop();
    },
  };
}
