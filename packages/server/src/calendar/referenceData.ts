/**
 * The official national schedule shipped with the product (packages/domain/src/calendar/data/holidays-vn.json,
 * 2024–2027) is reference data every deployment needs, not demo data. It is loaded on every start and is
 * idempotent: an entry is keyed by date and type, so administrators' edits (a confirmed proposal) and
 * deletions survive restarts, and a release shipping a new year adds only its new days.
 */
import { sql } from 'kysely';
import { OFFICIAL_COVERAGE_VN, OFFICIAL_SCHEDULE_VN, type ScheduleEntry } from '@motcua/domain/calendar/index';
import type { Db } from '../platform/db';
import * as store from './store';

/** Stable key of a shipped entry. */
export function referenceKeyOf(e: Pick<ScheduleEntry, 'date' | 'type'>): string {
  return `vn:${e.date}:${e.type}`;
}

const DOC_RE = /(\d+\/[0-9A-Za-zĐđ&/-]*[A-Za-zĐđ][0-9A-Za-zĐđ&-]*)(?:\s+ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4}))?/;

/**
 * The first document cited in a shipped `source` text, e.g. "Thông báo 9441/TB-BNV ngày 16/10/2025 …" →
 * 9441/TB-BNV, 2025-10-16. The full citation stays in `source`; a text without a number gives none.
 */
export function legalBasisFromSource(source: string | undefined): { documentNo: string | null; date: string | null } {
  const m = source ? DOC_RE.exec(source) : null;
  if (!m) return { documentNo: null, date: null };
  const date = m[2] ? `${m[4]}-${m[3]!.padStart(2, '0')}-${m[2].padStart(2, '0')}` : null;
  return { documentNo: m[1]!, date };
}

export async function ensureCalendarReferenceData(db: Db): Promise<{ inserted: number }> {
  return db.transaction().execute(async (trx) => {
    // Two processes starting together: one loads, the other then finds everything present.
    await sql`SELECT pg_advisory_xact_lock(7405)`.execute(trx);
    let inserted = 0;
    for (const e of OFFICIAL_SCHEDULE_VN) {
      const basis = legalBasisFromSource(e.source);
      const added = await store.insertReferenceEntry(
        trx,
        {
          scopeLevel: 'NATIONAL',
          scopeUnitIds: [],
          provinceCodes: [],
          type: e.type,
          date: e.date,
          name: e.name,
          legalBasisNo: basis.documentNo,
          legalBasisDate: basis.date,
          source: e.source ?? null,
          pairedDate: e.pairedDate ?? null,
          occasion: e.occasion ?? null,
          confirmed: e.confirmed !== false,
          origin: 'OFFICIAL',
          publishedAt: null,
        },
        referenceKeyOf(e),
      );
      if (added) inserted++;
    }
    let changed = inserted > 0;
    for (const c of OFFICIAL_COVERAGE_VN) if (await store.addCoverage(trx, c.year, c.decidedOccasions)) changed = true;
    if (changed) await store.bumpRevision(trx);
    return { inserted };
  });
}
