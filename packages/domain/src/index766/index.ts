/**
 * Decision 766 service index (spec service-index-766): the indicator table as versioned data, the
 * per-dossier on-time algorithm, two inputs (portal sync records, our DossierState) normalized to one
 * record feeding one scoring path, per-dossier lost points, Biểu 06 and peer ranking. Pure.
 * Reached as `@motcua/domain/index766/index`.
 */
export * from './types.js';
export {
  GROUPS_2025,
  INDICATORS_2025,
  INDICATOR_TABLE_2025,
  INDICATOR_TABLES,
  PROVINCIAL_2024_ONLINE_ALLOCATION,
  tableFor,
} from './table.js';
export { DEFAULT_INDEX_SETTINGS, settingsOf, displayScore, type IndexSettings } from './settings.js';
export {
  decideOnTime,
  endEventOf,
  supplementOf,
  inOnTimeScope,
  visibleTimeline,
  type OnTimeDecision,
  type EndKind,
} from './onTime.js';
export {
  fromSyncRecord,
  fromDossierState,
  indexInputOf,
  periodOf,
  periodKindOf,
  monthPeriod,
  type DossierStateFacts,
} from './normalize.js';
export {
  indexRequestSchema,
  syncDossierRecordSchema,
  syncStatusEntrySchema,
  periodSchema,
  parseSyncInstant,
  boundToInstant,
  type IndexRequest,
  type IndexRequestInput,
  type SyncDossierRecord,
  type SyncDossierRecordInput,
} from './schemas.js';
export { computeIndex, effectiveDef, scoreRatio, formatDurationVi } from './engine.js';
export { bieu06, type Bieu06Row, type Bieu06Report, type Bieu06Options } from './bieu06.js';
export { rankByTotal, type Ranked } from './rank.js';
export { DOSSIER_INDICATORS, verdictOf, type DossierIndicator, type Population, type Verdict } from './verdicts.js';
export {
  COUNTERS,
  UNBOUNDED,
  RECEIVED_ONLY,
  verdictColumn,
  monthStartOf,
  nextMonthStart,
  monthKey,
  firstEndOf,
  countersAt,
  contributionsOf,
  sumForPeriod,
  talliesOf,
  bieu06Numbers,
  BIEU06_COUNTERS,
  type Counters,
  type DossierContributions,
  type PeriodSums,
} from './contributions.js';

import { indexRequestSchema } from './schemas.js';
import { indexInputOf } from './normalize.js';
import { computeIndex } from './engine.js';
import type { IndexSettings } from './settings.js';
import type { IndicatorTable } from './types.js';

/** Validates a request of sync records and computes the index: the (a) path in one call. */
export function computeIndexFromRequest(raw: unknown, settings: Partial<IndexSettings> = {}, table?: IndicatorTable) {
  const parsed = indexRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false as const, error: parsed.error };
  return { ok: true as const, result: computeIndex(indexInputOf(parsed.data), settings, table) };
}
export { periodFromKey, previousPeriodKey, periodKeyAt, engineKindOf, type KeyedPeriod } from './periodKeys.js';
export * from './settingsSchema.js';
