/** The dossier projection as a fold of its append-only action log. */
import { decide, initialDossierState } from './decide.js';
import type { DossierContext } from './regimes.js';
import type { DossierAction, DossierState } from './types.js';

/**
 * Applies the log in append order. Repeated ids are ignored; an action the table refuses (which the server
 * never appends, but an import might) is skipped and listed in `anomalies`, so a rebuild never throws.
 */
export function foldDossier(
  actions: readonly DossierAction[],
  ctx: DossierContext,
  from: DossierState = initialDossierState(),
): DossierState {
  let s = from;
  for (const a of actions) {
    const r = decide(s, a, ctx);
    s = r.ok ? r.next : { ...s, anomalies: [...s.anomalies, { actionId: a.id, code: r.code }] };
  }
  return s;
}
