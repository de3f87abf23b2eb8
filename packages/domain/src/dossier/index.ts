/**
 * The one-stop dossier lifecycle (spec one-stop-dossiers §5–§9, §12.1, §14, §19): a state table as data,
 * decide() for one new action, foldDossier() for the log, the dossier code, errors and payload schemas.
 * Pure: time, ids and the working calendar are passed in.
 */
export * from './types.js';
export { nationalStatusNames, stateInfo, statusCodeOf, processingStates, activeStates } from './statusCodes.js';
export {
  REGIME_RULE_SETS,
  DEFAULT_DOSSIER_OPTIONS,
  regimeFor,
  rulesOf,
  optionsOf,
  governingRegime,
  type RegimeRules,
  type RegimeRuleSet,
  type DossierOptions,
  type DossierContext,
  type Enforcement,
} from './regimes.js';
export { TRANSITIONS, findTransition, type TransitionRow, type TransitionTarget } from './table.js';
export { guards, type Guard, type GuardName } from './guards.js';
export { effects, type Effect, type EffectName } from './effects.js';
export { decide, initialDossierState, type DecideResult } from './decide.js';
export { foldDossier } from './fold.js';
export { indexFactsOf, onTime766, syncedDueAtOf, reportDueAtOf } from './indexFacts.js';
export { stepTimeliness, budgetMs } from './steps.js';
export { coordinationDeadline, periodEnded, workingHoursLeft, workingHoursUntil } from './timeLeft.js';
export type { DossierEvent, NotificationTopic, FormId } from './events.js';
export type { NormalizedAction, TransitionInput } from './transition.js';
export {
  dossierErrorMessages,
  refuse,
  type DossierErrorCode,
  type DossierRefusal,
  type DossierFieldError,
} from './errors.js';
export {
  formatDossierCode,
  dossierCodeStandIn,
  parseDossierCode,
  isValidDossierCode,
  dossierCodePattern,
  STANDARD_DOSSIER_CODE_FORMAT,
  type DossierCodeFormat,
  type ParsedDossierCode,
  type FormatDossierCodeResult,
} from './dossierCode.js';
export * from './schemas.js';
