/** Builders for sync-shape records (one-stop-dossiers §19) and the worked examples of service-index-766 §8. */
import { localInstant } from '../../src/calendar/index.js';
import type { SyncDossierRecordInput } from '../../src/index766/index.js';

/** Local 'YYYY-MM-DD', 'HH:MM' → ISO with the +07:00 offset. */
export const iso = (date: string, time: string) => `${date}T${time}:00+07:00`;
export const ms = (date: string, time: string) => localInstant(date, time);

export type Status = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** A received dossier: status 2 at reception and 4 five minutes later, then `events`. */
export function record(
  code: string,
  received: [string, string],
  due: [string, string] | null,
  events: [Status, string, string][] = [],
  extra: Partial<SyncDossierRecordInput> = {},
): SyncDossierRecordInput {
  const [d, t] = received;
  return {
    MaHoSo: code,
    KenhThucHien: 1,
    NgayTiepNhan: iso(d, t),
    NgayHenTra: due ? iso(due[0], due[1]) : null,
    TrangThai: [
      { status: 2, at: iso(d, t) },
      { status: 4, at: new Date(ms(d, t) + 5 * 60_000).toISOString() },
      ...events.map(([status, date, time]) => ({ status, at: iso(date, time) })),
    ],
    ...extra,
  };
}

/**
 * Example 1 — group 2 for one unit, November 2025 (service-index-766 §8).
 * D1 on time, D2 on time (48 h pause subtracted), D3 late by 1 h, D4 two supplement requests, D5 in progress
 * within deadline, D6 waiting for the citizen, D7 late against the original date despite an apology.
 */
export const example1: SyncDossierRecordInput[] = [
  record('D1', ['2025-11-03', '08:00'], ['2025-11-10', '08:00'], [[9, '2025-11-07', '15:00']]),
  record(
    'D2',
    ['2025-11-03', '08:00'],
    ['2025-11-10', '08:00'],
    [
      [5, '2025-11-05', '10:00'],
      [4, '2025-11-07', '10:00'],
      [9, '2025-11-12', '07:30'],
    ],
  ),
  record(
    'D3',
    ['2025-11-03', '08:00'],
    ['2025-11-10', '08:00'],
    [
      [5, '2025-11-05', '10:00'],
      [4, '2025-11-07', '10:00'],
      [9, '2025-11-12', '09:00'],
    ],
  ),
  record(
    'D4',
    ['2025-11-03', '08:00'],
    ['2025-11-10', '08:00'],
    [
      [5, '2025-11-04', '10:00'],
      [4, '2025-11-05', '10:00'],
      [5, '2025-11-06', '10:00'],
      [4, '2025-11-06', '15:00'],
      [9, '2025-11-07', '10:00'],
    ],
  ),
  // portal's own instant form yyyyMMddHHmmss for this one
  {
    MaHoSo: 'D5',
    KenhThucHien: 2,
    NgayTiepNhan: '20251124090000',
    NgayHenTra: '20251201090000',
    TrangThai: [
      { status: 1, at: '20251124083000' },
      { status: 2, at: '20251124090000' },
      { status: 4, at: '20251124091000' },
    ],
  },
  record('D6', ['2025-11-10', '09:00'], ['2025-11-17', '09:00'], [[5, '2025-11-14', '10:00']]),
  // NgayHenTra is the original date 14/11 10:00; the apology's 20/11 is not synced.
  record('D7', ['2025-11-07', '10:00'], ['2025-11-14', '10:00'], [[9, '2025-11-19', '10:00']]),
];

export const november2025 = { from: '2025-11-01', to: '2025-11-30' };
