/** What a guard or an effect sees: the state before, the normalized action, the governing rules. */
import type { DossierOptions, DossierContext, RegimeRules } from './regimes.js';
import type { DossierPayload } from './schemas.js';
import type { DossierActionType, DossierActor, DossierState, RegimeId } from './types.js';

export interface NormalizedAction<T extends DossierActionType = DossierActionType> {
  id: string;
  type: T;
  actor: DossierActor;
  at: number;
  payload: DossierPayload<T>;
}

export interface TransitionInput<T extends DossierActionType = DossierActionType> {
  state: DossierState;
  action: NormalizedAction<T>;
  ctx: DossierContext;
  regime: RegimeId | null;
  /** null before reception of a dossier outside every regime (guards fall back to the strict reading). */
  rules: RegimeRules | null;
  options: DossierOptions;
}

/** Narrows the payload; the table guarantees the row only runs for its own action type. */
export function payloadOf<T extends DossierActionType>(i: TransitionInput, _type: T): DossierPayload<T> {
  return i.action.payload as DossierPayload<T>;
}
