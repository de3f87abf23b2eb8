/**
 * Daily early-warning digest (spec one-stop-dossiers §8 "late-risk", §15 internal notifications): every
 * morning at 07:30 (Asia/Ho_Chi_Minh) each officer with an e-mail address and a grant with `dossiers.process`
 * gets one e-mail listing the dossiers assigned to them, and the dossiers of the units they lead (UNIT_LEADER,
 * with the subtree when granted so), that are due within EARLY_WARNING_HOURS working hours of the unit's
 * calendar or already overdue. Only dossiers whose clock runs are listed (a dossier waiting for the citizen's
 * supplement has no binding due date). Officers with nothing to report get no e-mail.
 */
import type PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { rolePermissions, type Role } from '@motcua/domain';
import { HOUR_MS, localDateOf, warningState, workingTimeBetween } from '@motcua/domain/calendar/index';
import { activeStates } from '@motcua/domain/dossier/index';
import type { Db } from '../platform/db';
import { loadConfig } from '../platform/config';
import { calendarCacheFor } from '../calendar/cache';
import type { NotifyLogger } from './adapters';
import { dedupeKeyOf, insertOutboxRows, type OutboxRowInput } from './outbox';
import { notificationSettings, parseTopicChannels, publicBaseOf, type NotificationSettings } from './settings';
import { formatDateTimeVN, formatDateVN, formatHoursVN, render, templateFor, templateId } from './templates';

export const DIGEST_QUEUE = 'notification-digest';
/** 07:30 every day, in the scheduler's time zone Asia/Ho_Chi_Minh. */
export const DIGEST_CRON = '30 7 * * *';

/** Roles that act on dossiers (hold `dossiers.process`), and roles whose units' dossiers they oversee. */
export const processingRoles = (Object.keys(rolePermissions) as Role[]).filter((r) =>
  rolePermissions[r].includes('dossiers.process'),
);
export const leadingRoles: readonly Role[] = ['UNIT_LEADER'];

export interface EarlyWarningItem {
  dossierId: string;
  code: string | null;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  assigneeId: string | null;
  dueAt: number;
  warning: 'DUE_SOON' | 'OVERDUE';
  /** Working time left until the due instant (0 when overdue). */
  remainingWorkingMs: number;
}

export interface OfficerDigest {
  userId: string;
  name: string;
  email: string;
  /** Assigned to the officer (dossier.assignee_id). */
  assigned: EarlyWarningItem[];
  /** In a unit the officer leads, not assigned to the officer. */
  led: EarlyWarningItem[];
}

interface CandidateRow {
  dossierId: string;
  code: string | null;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string | null;
  applicantName: string;
  assigneeId: string | null;
  dueAt: Date;
}

/** Dossiers after reception whose clock may run (the stored clock is checked too). */
const openStates = activeStates.filter((s) => s !== 'AWAITING_SUPPLEMENT' && s !== 'SUPPLEMENT_SUBMITTED');

/**
 * The digest of every officer who has something to report, as of `now`. Exported for tests and for an
 * on-demand run; the scheduled job queues them with enqueueEarlyWarningDigests.
 */
export async function collectEarlyWarningDigests(
  db: Db,
  options: { now: number; withinHours: number },
): Promise<OfficerDigest[]> {
  const officers = (
    await sql<{ userId: string; name: string; email: string }>`
      SELECT u.id AS "userId", u.full_name AS name, btrim(u.email) AS email FROM app_user u
      WHERE u.active AND u.email IS NOT NULL AND btrim(u.email) <> ''
        AND EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.revoked_at IS NULL
          AND g.role = ANY(${processingRoles}::text[]))
      ORDER BY u.full_name, u.id`.execute(db)
  ).rows;
  if (officers.length === 0) return [];
  const officerIds = officers.map((o) => o.userId);

  const led = (
    await sql<{ userId: string; unitId: string }>`
      WITH RECURSIVE led(user_id, unit_id, include_subtree) AS (
        SELECT g.user_id, g.unit_id, g.include_subtree FROM role_grant g
        WHERE g.revoked_at IS NULL AND g.role = ANY(${leadingRoles}::text[]) AND g.user_id = ANY(${officerIds}::uuid[])
        UNION
        SELECT led.user_id, u.id, true FROM led JOIN unit u ON u.parent_id = led.unit_id WHERE led.include_subtree
      )
      SELECT DISTINCT user_id AS "userId", unit_id AS "unitId" FROM led`.execute(db)
  ).rows;
  const ledUnits = new Map<string, Set<string>>();
  for (const r of led) {
    let s = ledUnits.get(r.userId);
    if (!s) ledUnits.set(r.userId, (s = new Set()));
    s.add(r.unitId);
  }
  const allLedUnits = [...new Set(led.map((r) => r.unitId))];

  // Working hours ahead never span more than ~10 calendar days per 8 h (Tết); the exact test follows.
  const bound = new Date(options.now + (Math.ceil(options.withinHours / 8) + 2) * 10 * 24 * HOUR_MS);
  const candidates = (
    await sql<CandidateRow>`
      SELECT d.id AS "dossierId", d.code, d.unit_id AS "unitId", un.name AS "unitName",
        d.procedure_code AS "procedureCode", p.name AS "procedureName", d.applicant_name AS "applicantName",
        d.assignee_id AS "assigneeId", d.due_at AS "dueAt"
      FROM dossier d
      JOIN unit un ON un.id = d.unit_id
      LEFT JOIN procedure p ON p.code = d.procedure_code
      WHERE d.due_at IS NOT NULL AND d.due_at <= ${bound}
        AND d.state = ANY(${openStates}::text[]) AND coalesce(d.state_json->>'clock', 'RUNNING') = 'RUNNING'
        AND (d.assignee_id = ANY(${officerIds}::uuid[]) OR d.unit_id = ANY(${allLedUnits}::uuid[]))
      ORDER BY d.due_at, d.id`.execute(db)
  ).rows;

  const cache = calendarCacheFor(db);
  const soon = { value: options.withinHours, unit: 'WORKING_HOURS' as const };
  const items: EarlyWarningItem[] = [];
  for (const c of candidates) {
    const { calendar } = await cache.get(c.unitId);
    const dueAt = c.dueAt.getTime();
    const state = warningState(calendar, dueAt, options.now, { dueSoon: soon });
    if (state === 'NORMAL') continue;
    items.push({
      dossierId: c.dossierId,
      code: c.code,
      unitId: c.unitId,
      unitName: c.unitName,
      procedureCode: c.procedureCode,
      procedureName: c.procedureName ?? c.procedureCode,
      applicantName: c.applicantName,
      assigneeId: c.assigneeId,
      dueAt,
      warning: state === 'DUE_SOON' ? 'DUE_SOON' : 'OVERDUE',
      remainingWorkingMs: state === 'DUE_SOON' ? workingTimeBetween(calendar, options.now, dueAt) : 0,
    });
  }

  const digests: OfficerDigest[] = [];
  for (const o of officers) {
    const units = ledUnits.get(o.userId);
    const assigned = items.filter((i) => i.assigneeId === o.userId);
    const ledItems = units ? items.filter((i) => i.assigneeId !== o.userId && units.has(i.unitId)) : [];
    if (assigned.length > 0 || ledItems.length > 0) digests.push({ ...o, assigned, led: ledItems });
  }
  return digests;
}

function itemLine(i: EarlyWarningItem, withUnit: boolean): string {
  const flag =
    i.warning === 'OVERDUE' ? 'QUÁ HẠN' : `còn ${formatHoursVN(i.remainingWorkingMs / HOUR_MS)} giờ làm việc`;
  const unit = withUnit ? ` – ${i.unitName}` : '';
  return `- [${flag}] ${i.code ?? i.dossierId} – ${i.procedureName} – ${i.applicantName}${unit} – hạn ${formatDateTimeVN(i.dueAt, true)}`;
}

/** Renders the digest e-mail of one officer (subject and body), for the outbox and for previews. */
export function renderDigest(d: OfficerDigest, options: { now: number; withinHours: number; publicBase: string }) {
  const all = new Map([...d.assigned, ...d.led].map((i) => [i.dossierId, i]));
  const overdue = [...all.values()].filter((i) => i.warning === 'OVERDUE').length;
  const fields = {
    recipientName: d.name,
    date: formatDateVN(options.now),
    asOf: formatDateTimeVN(options.now),
    withinHours: formatHoursVN(options.withinHours),
    dueSoonCount: String(all.size - overdue),
    overdueCount: String(overdue),
    assignedList: d.assigned.map((i) => itemLine(i, false)).join('\n'),
    ledList: d.led.map((i) => itemLine(i, true)).join('\n'),
    listUrl: `${options.publicBase}/ho-so/canh-bao`,
  };
  return { fields, message: render(templateFor('DAILY_DIGEST'), fields) };
}

/**
 * Queues one digest per officer for the local date of `now` (a second run the same day is a no-op).
 * Returns how many officers had something to report and how many rows were written.
 */
export async function enqueueEarlyWarningDigests(
  db: Db,
  options: { now: number; withinHours: number; settings?: NotificationSettings },
): Promise<{ officers: number; enqueued: number }> {
  const settings = options.settings ?? notificationSettings();
  const channels = settings.channels.DAILY_DIGEST;
  const digests = await collectEarlyWarningDigests(db, options);
  const day = localDateOf(options.now);
  const template = templateId(templateFor('DAILY_DIGEST'));
  const rows: OutboxRowInput[] = [];
  for (const d of digests) {
    const { fields, message } = renderDigest(d, { ...options, publicBase: settings.publicBase });
    for (const channel of channels) {
      if (channel !== 'EMAIL' && channel !== 'IN_APP') continue;
      rows.push({
        dossierId: null,
        actionId: null,
        topic: 'DAILY_DIGEST',
        channel,
        recipient: channel === 'EMAIL' ? d.email : d.userId,
        recipientName: d.name,
        recipientUserId: d.userId,
        subject: message.subject,
        body: channel === 'EMAIL' ? message.body : message.short,
        template,
        fields,
        dedupeKey: dedupeKeyOf(['DAILY_DIGEST', d.userId, day, channel]),
        status: channel === 'EMAIL' ? 'PENDING' : 'SENT',
      });
    }
  }
  const enqueued = await insertOutboxRows(db, rows);
  return { officers: digests.length, enqueued };
}

/** Registers the digest job on a worker process's pg-boss (called from jobs/queue.ts). */
export async function registerNotificationJobs(boss: PgBoss, db: Db, logger: NotifyLogger): Promise<void> {
  await boss.work(DIGEST_QUEUE, async () => {
    const config = loadConfig();
    const result = await enqueueEarlyWarningDigests(db, {
      now: Date.now(),
      withinHours: config.earlyWarningHours,
      settings: { publicBase: publicBaseOf(config), channels: parseTopicChannels(config.notifyChannels) },
    });
    logger.info(result, 'early-warning digests queued');
  });
  await boss.schedule(DIGEST_QUEUE, DIGEST_CRON, {}, { tz: 'Asia/Ho_Chi_Minh' });
}
