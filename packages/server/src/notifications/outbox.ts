/**
 * Transactional outbox of dossier notifications (spec one-stop-dossiers §15). The dossier service calls
 * enqueueDossierNotifications inside the action's transaction with decide()'s events: the rows commit or roll
 * back with the action, and the worker (worker.ts) delivers them afterwards. Queuing the same action again is a
 * no-op (unique dedupe key: action id, topic, channel, recipient).
 */
import { sql } from 'kysely';
import type { DossierEvent, DossierState } from '@motcua/domain/dossier/index';
import type { Db } from '../platform/db';
import { notificationSettings, type NotificationSettings, type OutboxChannel } from './settings';
import { dossierMergeFields, render, templateFor, templateId, type MergeFields, type TemplateTopic } from './templates';
import { isUuid } from '../platform/uuid';
import { replaced } from '../platform/standIn';

export interface DossierNotificationInput {
  dossierId: string;
  /** null before reception (online submission). */
  code: string | null;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string;
  applicant: {
    name: string;
    email?: string | null;
    phone?: string | null;
    proxy?: { name: string; email?: string | null; phone?: string | null } | null;
  };
  /** The folded state after the action. */
  state: DossierState;
  /** decide()'s events; NOTIFY events name the topic. */
  events: DossierEvent[];
  /** Users to notify inside the product (e.g. the new assignee of STEP_ASSIGNED). */
  internalRecipients?: { userId: string; email: string | null; name: string }[];
  /** The action's id; default: the TRANSITION event's. */
  actionId?: string;
  /** The applicant's account for in-app messages; default: the dossier's submitted_by (online submissions). */
  applicantUserId?: string | null;
}

export type OutboxStatus = 'PENDING' | 'SENT' | 'FAILED' | 'SKIPPED';

export interface OutboxRowInput {
  dossierId: string | null;
  actionId: string | null;
  topic: TemplateTopic;
  channel: OutboxChannel;
  recipient: string;
  recipientName: string | null;
  recipientUserId: string | null;
  subject: string;
  body: string;
  template: string;
  fields: MergeFields;
  dedupeKey: string;
  status: OutboxStatus;
  lastError?: string | null;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/** Digits with an optional leading +, as the gateways expect; null when it cannot be a phone number. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!present(phone)) return null;
  const p = phone.trim().replace(/[\s.()-]/g, '');
  return /^\+?\d{9,15}$/.test(p) ? p : null;
}

export const dedupeKeyOf = (parts: readonly string[]) => parts.join('|');

/**
 * The merge fields as stored and handed to the gateways: only those with a value. A dossier's fields name every
 * field of every template, most of them null for any one message; kept whole they doubled each outbox row.
 */
export function storedFields(fields: MergeFields): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null && value !== undefined) kept[name] = value;
  return kept;
}

/**
 * The INSERT of outbox rows, skipping any whose dedupe key exists; usable inside a data-modifying WITH, so a
 * caller can queue them in the same statement as the write they announce. `standIn`: the statement's
 * `stand_in` is replaced in the texts (platform/standIn.ts).
 */
export function outboxInsertSql(rows: readonly OutboxRowInput[], standIn = false) {
  const values = rows.map(
    (r) => sql`(${r.dossierId}::uuid, ${r.actionId}::uuid, ${r.topic}::text, ${r.channel}::text, ${r.recipient}::text,
      ${r.recipientName}::text, ${r.recipientUserId}::uuid, ${r.subject}::text, ${r.body}::text, ${r.template}::text,
      ${JSON.stringify(storedFields(r.fields))}::text, ${r.dedupeKey}::text, ${r.status}::text, ${r.lastError ?? null}::text,
      ${r.status === 'SENT' ? sql`now()` : sql`NULL`}::timestamptz)`,
  );
  const text = (column: string) => (standIn ? replaced(sql.ref(`v.${column}`)) : sql.ref(`v.${column}`));
  return sql`INSERT INTO notification_outbox (dossier_id, action_id, topic, channel, recipient, recipient_name,
      recipient_user_id, subject, body, template, fields, dedupe_key, status, last_error, sent_at)
    SELECT v.dossier_id, v.action_id, v.topic, v.channel, v.recipient, v.recipient_name, v.recipient_user_id,
      ${text('subject')}, ${text('body')}, v.template, ${text('fields')}::jsonb, v.dedupe_key, v.status, v.last_error,
      v.sent_at
    FROM (VALUES ${sql.join(values)}) v (dossier_id, action_id, topic, channel, recipient, recipient_name,
      recipient_user_id, subject, body, template, fields, dedupe_key, status, last_error, sent_at)
      ${standIn ? sql`CROSS JOIN stand_in` : sql``}
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`;
}

/** Inserts rows, skipping any whose dedupe key exists; returns the number inserted. */
export async function insertOutboxRows(trx: Db, rows: readonly OutboxRowInput[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql<{ id: string }>`${outboxInsertSql(rows)}`.execute(trx);
  return result.rows.length;
}

interface Person {
  name: string;
  email?: string | null;
  phone?: string | null;
}

/** Spec §11a (likely): the proxy when one is set and reachable, else the applicant. */
export function applicantRecipient(applicant: DossierNotificationInput['applicant']): Person {
  const proxy = applicant.proxy;
  if (proxy && (present(proxy.email) || present(proxy.phone))) return proxy;
  return applicant;
}

function topicsOf(events: readonly DossierEvent[]): TemplateTopic[] {
  const topics: TemplateTopic[] = [];
  for (const e of events) if (e.type === 'NOTIFY' && !topics.includes(e.topic)) topics.push(e.topic);
  return topics;
}

function actionIdOf(input: DossierNotificationInput): string {
  if (input.actionId) return input.actionId;
  const t = input.events.find((e) => e.type === 'TRANSITION');
  if (t && t.type === 'TRANSITION') return t.actionId;
  const n = input.events.find((e) => e.type === 'NOTIFY');
  return `${input.dossierId}@${n?.at ?? 0}`;
}

async function submitterOf(trx: Db, dossierId: string): Promise<string | null> {
  const r = await sql<{ submittedBy: string | null }>`
    SELECT submitted_by AS "submittedBy" FROM dossier WHERE id = ${dossierId}::uuid`.execute(trx);
  return r.rows[0]?.submittedBy ?? null;
}

/** The current step's assignee, when the caller did not name the internal recipients. */
async function currentAssignee(trx: Db, state: DossierState) {
  const step = [...state.steps].reverse().find((s) => s.endedAt === null);
  if (!step || !isUuid(step.assigneeUserId)) return [];
  const r = await sql<{ userId: string; name: string; email: string | null }>`
    SELECT id AS "userId", full_name AS name, email FROM app_user
    WHERE id = ${step.assigneeUserId}::uuid AND active`.execute(trx);
  return r.rows;
}

/** One message per channel the topic uses and the person can be reached on. */
function rowsFor(
  base: Omit<OutboxRowInput, 'channel' | 'recipient' | 'subject' | 'body' | 'dedupeKey' | 'status'>,
  keyPrefix: readonly string[],
  channels: readonly OutboxChannel[],
  person: Person & { userId?: string | null },
  message: { subject: string; body: string; short: string },
): OutboxRowInput[] {
  const rows: OutboxRowInput[] = [];
  for (const channel of channels) {
    let recipient: string | null = null;
    let status: OutboxStatus = 'PENDING';
    let lastError: string | null = null;
    let body = message.short;
    if (channel === 'EMAIL' && present(person.email)) {
      recipient = person.email.trim();
      body = message.body;
      if (!EMAIL.test(recipient)) {
        status = 'SKIPPED';
        lastError = 'Địa chỉ thư điện tử không hợp lệ.';
      }
    } else if ((channel === 'SMS' || channel === 'ZALO') && present(person.phone)) {
      const phone = normalizePhone(person.phone);
      recipient = phone ?? person.phone.trim();
      if (!phone) {
        status = 'SKIPPED';
        lastError = 'Số điện thoại không hợp lệ.';
      }
    } else if (channel === 'IN_APP' && isUuid(person.userId)) {
      recipient = person.userId;
      status = 'SENT';
    }
    if (recipient === null) continue;
    // Object.assign, not `{ ...base, channel, … }`: a key added after a spread is slow in V8 (dossiers/view.ts).
    rows.push(
      Object.assign({}, base, {
        channel,
        recipient,
        recipientName: person.name,
        recipientUserId: isUuid(person.userId) ? person.userId : null,
        subject: message.subject,
        body,
        dedupeKey: dedupeKeyOf([...keyPrefix, channel, recipient.toLowerCase()]),
        status,
        lastError,
      }),
    );
  }
  return rows;
}

/**
 * Renders and queues the notifications of one dossier action, in the caller's transaction. Returns the number
 * of rows written (0 for an action without a NOTIFY event, or a repeated one).
 */
export async function enqueueDossierNotifications(
  trx: Db,
  input: DossierNotificationInput,
  settings: NotificationSettings = notificationSettings(),
): Promise<number> {
  return insertOutboxRows(trx, await dossierNotificationRows(trx, input, settings));
}

/** The outbox rows of one dossier action, rendered (reads the submitter or the assignee only when not given). */
export async function dossierNotificationRows(
  trx: Db,
  input: DossierNotificationInput,
  settings: NotificationSettings = notificationSettings(),
): Promise<OutboxRowInput[]> {
  const topics = topicsOf(input.events);
  if (topics.length === 0) return [];
  const actionId = actionIdOf(input);
  const rows: OutboxRowInput[] = [];
  for (const topic of topics) {
    const channels = settings.channels[topic] ?? [];
    if (channels.length === 0) continue;
    const template = templateFor(topic, input.unitId);
    const recipients: (Person & { userId?: string | null })[] = [];
    if (template.audience === 'INTERNAL') {
      recipients.push(...(input.internalRecipients ?? (await currentAssignee(trx, input.state))));
    } else {
      const person = applicantRecipient(input.applicant);
      const userId =
        input.applicantUserId !== undefined
          ? input.applicantUserId
          : channels.includes('IN_APP')
            ? await submitterOf(trx, input.dossierId)
            : null;
      recipients.push({ ...person, userId });
    }
    for (const person of recipients) {
      const fields = dossierMergeFields({
        topic,
        dossierId: input.dossierId,
        code: input.code,
        unitName: input.unitName,
        procedureCode: input.procedureCode,
        procedureName: input.procedureName,
        applicantName: input.applicant.name,
        recipientName: person.name,
        state: input.state,
        publicBase: settings.publicBase,
      });
      rows.push(
        ...rowsFor(
          {
            dossierId: input.dossierId,
            actionId: isUuid(actionId) ? actionId : null,
            topic,
            recipientName: person.name,
            recipientUserId: null,
            template: templateId(template),
            fields,
          },
          [actionId, topic],
          channels,
          person,
          render(template, fields),
        ),
      );
    }
  }
  return rows;
}
