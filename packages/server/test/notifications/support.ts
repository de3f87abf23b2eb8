/**
 * Notification test support: a real SMTP server (smtp-server) on an ephemeral port that parses what it
 * receives (mailparser), can go down and come back on the same port, refuses chosen recipients with 550;
 * dossier states built by the domain's decide(); minimal dossier rows for fixtures.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { sql } from 'kysely';
import {
  decide,
  formatDossierCode,
  initialDossierState,
  type DossierAction,
  type DossierActionType,
  type DossierEvent,
  type DossierState,
} from '@motcua/domain/dossier/index';
import type { Role } from '@motcua/domain';
import type { WorkingCalendar } from '@motcua/domain/calendar/index';
import type { Db } from '../../src/platform/db';

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  envelopeTo: string[];
}

export interface TestSmtp {
  port: number;
  url: string;
  mails: ReceivedMail[];
  /** Mails whose envelope includes the address. */
  to(address: string): ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts an SMTP server; recipients at @reject.test get a permanent 550. */
export async function startSmtp(options: { delayMs?: number } = {}): Promise<TestSmtp> {
  const port = await freePort();
  const mails: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const smtp: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => m.envelopeTo.includes(address.toLowerCase())),
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (address.address.endsWith('@reject.test'))
            return callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }));
          callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks);
            void (async () => {
              if (options.delayMs) await sleep(options.delayMs);
              const parsed = await simpleParser(raw);
              mails.push({
                parsed,
                raw: raw.toString('utf8'),
                envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              });
              callback();
            })().catch((e: Error) => callback(e));
          });
        },
      });
      const s = server;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await smtp.start();
  return smtp;
}

const defaultRoles: Partial<Record<DossierActionType, Role>> = {
  SUBMIT: 'CITIZEN',
  SUBMIT_SUPPLEMENT: 'CITIZEN',
  REQUEST_WITHDRAWAL: 'CITIZEN',
  ASSIGN: 'UNIT_LEADER',
  APOLOGIZE_AND_RESCHEDULE: 'UNIT_LEADER',
  RESOLVE: 'UNIT_LEADER',
  STOP: 'UNIT_LEADER',
  START_STEP: 'SPECIALIST',
  HAND_OFF: 'SPECIALIST',
  REQUEST_PAYMENT: 'SPECIALIST',
  REQUEST_SUPPLEMENT: 'SPECIALIST',
};

export interface Built {
  state: DossierState;
  /** Events of the last action. */
  events: DossierEvent[];
  actionId: string;
}

/** Applies actions with decide(), failing on a refusal; returns the last state and its events. */
export function build(
  calendar: WorkingCalendar,
  steps: { type: DossierActionType; at: string; payload?: unknown }[],
  unitId = 'unit-1',
  from: DossierState = initialDossierState(),
): Built {
  let state = from;
  let events: DossierEvent[] = [];
  let actionId = '';
  for (const s of steps) {
    actionId = randomUUID();
    const action: DossierAction = {
      id: actionId,
      type: s.type,
      actor: { userId: randomUUID(), role: defaultRoles[s.type] ?? 'COUNTER_OFFICER', unitId },
      at: s.at,
      payload: s.payload ?? {},
    };
    const r = decide(state, action, { calendar });
    if (!r.ok) throw new Error(`${s.type} refused from ${state.state}: ${r.code} ${r.detail ?? ''}`);
    state = r.next;
    events = r.events;
  }
  return { state, events, actionId };
}

/** A RECEIVE payload with a valid code for the unit and day. */
export function receivePayload(unitCode: string, localDate: string, seq: number, days = 5) {
  const code = formatDossierCode(unitCode, localDate, seq);
  if (!code.ok) throw new Error(code.code);
  return {
    channel: 'COUNTER',
    dossierCode: code.code,
    procedure: { timeLimit: { value: days, unit: 'WORKING_DAYS' } },
  };
}

/** A minimal dossier row (the projection only) for fixtures. */
export async function insertDossier(
  db: Db,
  o: {
    unitId: string;
    procedureCode: string;
    code?: string | null;
    applicantName?: string;
    state?: string;
    clock?: string;
    dueAt?: Date | string | null;
    assigneeId?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  const state = o.state ?? 'RECEIVED';
  const dueAt = o.dueAt === undefined || o.dueAt === null ? null : new Date(o.dueAt);
  await sql`INSERT INTO dossier (id, code, unit_id, procedure_code, channel, state, status_code, applicant_name,
      state_json, received_at, due_at, assignee_id)
    VALUES (${id}::uuid, ${o.code ?? null}, ${o.unitId}::uuid, ${o.procedureCode}, 'COUNTER', ${state}, 2,
      ${o.applicantName ?? 'Nguyễn Văn An'}, ${JSON.stringify({ state, clock: o.clock ?? 'RUNNING' })}::jsonb,
      now(), ${dueAt}, ${o.assigneeId ?? null}::uuid)`.execute(db);
  return id;
}

export interface OutboxRow {
  id: string;
  dossier_id: string | null;
  topic: string;
  channel: string;
  recipient: string;
  recipient_user_id: string | null;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  claim_token: string | null;
  template: string;
  fields: Record<string, unknown>;
}

export async function outboxRows(db: Db, where: { dossierId?: string; recipient?: string; topic?: string } = {}) {
  const r = await sql<OutboxRow>`SELECT * FROM notification_outbox WHERE true
    ${where.dossierId ? sql`AND dossier_id = ${where.dossierId}::uuid` : sql``}
    ${where.recipient ? sql`AND recipient = ${where.recipient}` : sql``}
    ${where.topic ? sql`AND topic = ${where.topic}` : sql``}
    ORDER BY created_at, channel, recipient`.execute(db);
  return r.rows;
}

/** Makes the rows of a recipient due now (time passing, without waiting for the backoff). */
export async function makeDue(db: Db, recipient: string) {
  await sql`UPDATE notification_outbox SET next_attempt_at = now() - interval '1 second'
    WHERE recipient = ${recipient} AND status = 'PENDING'`.execute(db);
}

export async function unitByCode(db: Db, code: string) {
  return db.selectFrom('unit').select(['id', 'name', 'code']).where('code', '=', code).executeTakeFirstOrThrow();
}

export async function anyProcedure(db: Db) {
  const r = await sql<{ code: string; name: string }>`SELECT code, name FROM procedure ORDER BY code LIMIT 1`.execute(
    db,
  );
  return r.rows[0]!;
}

export const silentLogger = { info() {}, warn() {}, error() {} };

/** A logger that keeps what it is given (to check the logging adapters). */
export function capturingLogger() {
  const lines: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) =>
    void lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
