import { useEffect, useState } from 'react';
import { catalogApi, type ProcedureDetail } from '../../../api/catalog';

// The list endpoint returns summaries only; time limit, version count and units come from the
// detail of each visible row (fetched a few at a time, cached for the session).
const cache = new Map<string, ProcedureDetail>();
const pending = new Map<string, Promise<ProcedureDetail | null>>();

export function forgetProcedure(code: string): void {
  cache.delete(code);
}

function load(code: string): Promise<ProcedureDetail | null> {
  const hit = cache.get(code);
  if (hit) return Promise.resolve(hit);
  let p = pending.get(code);
  if (!p) {
    p = catalogApi
      .get(code)
      .then((d) => {
        cache.set(code, d);
        return d;
      })
      .catch(() => null)
      .finally(() => pending.delete(code));
    pending.set(code, p);
  }
  return p;
}

export function useProcedureDetails(codes: string[]): Record<string, ProcedureDetail | undefined> {
  const [details, setDetails] = useState<Record<string, ProcedureDetail | undefined>>({});
  const key = codes.join('|');
  useEffect(() => {
    let alive = true;
    const queue = [...codes];
    const worker = async () => {
      while (alive && queue.length) {
        const code = queue.shift()!;
        const d = await load(code);
        if (alive && d) setDetails((prev) => ({ ...prev, [code]: d }));
      }
    };
    void Promise.all([worker(), worker(), worker(), worker()]);
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return details;
}
