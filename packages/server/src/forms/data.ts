/**
 * Loads what the forms print, with plain SQL: the dossier row and its folded state (state_json), the unit and
 * its parent (đơn vị chủ quản), the procedure, the people's full names, the steps and the action payloads;
 * and the tracking-book rows of a unit over a date range.
 */
import { sql } from 'kysely';
import { addDays, localInstant } from '@motcua/domain/calendar/index';
import type { DossierState, DeliveryMethod } from '@motcua/domain/dossier/index';
import type { Db } from '../platform/db';
import type {
  ApplicantDetails,
  ControlStep,
  FormData,
  PaperLine,
  PersonDetails,
  TrackingBookData,
  TrackingRow,
  UnitInfo,
} from './formData';
import { lookupUrlFor } from './qr';

interface DossierRecord {
  id: string;
  code: string | null;
  unitId: string;
  procedureCode: string;
  applicantName: string;
  applicantPhone: string | null;
  applicant: Record<string, unknown> | null;
  summary: string | null;
  setCount: number | null;
  papers: unknown;
  submittedBy: string | null;
  receivedBy: string | null;
  stateJson: DossierState;
  procedureName: string | null;
  procedureField: string | null;
  competentAuthority: string | null;
  agency: string | null;
  feeText: string | null;
}

interface ActionRecord {
  type: string;
  actorId: string | null;
  at: Date;
  payload: Record<string, unknown> | null;
}

/** The dossier's row as the forms need it; undefined when there is none. */
export async function findDossierForForms(db: Db, id: string): Promise<DossierRecord | undefined> {
  const r = await sql<DossierRecord>`
    SELECT d.id, d.code, d.unit_id AS "unitId", d.procedure_code AS "procedureCode",
      d.applicant_name AS "applicantName", d.applicant_phone AS "applicantPhone", d.applicant, d.summary,
      d.set_count AS "setCount", d.papers, d.submitted_by AS "submittedBy", d.received_by AS "receivedBy",
      d.state_json AS "stateJson",
      coalesce(v.name, p.name) AS "procedureName", coalesce(v.field, p.field) AS "procedureField",
      v.competent_authority AS "competentAuthority", v.agency, v.fee_text AS "feeText"
    FROM dossier d
    LEFT JOIN procedure_version v ON v.id = d.procedure_version_id
    LEFT JOIN procedure p ON p.code = d.procedure_code
    WHERE d.id = ${id}::uuid`.execute(db);
  return r.rows[0];
}

export async function unitInfo(db: Db, unitId: string): Promise<UnitInfo | undefined> {
  const r = await sql<UnitInfo>`
    SELECT u.id, u.code, u.name, u.short_name AS "shortName", u.type,
      pu.name AS "parentName", pu.type AS "parentType"
    FROM unit u LEFT JOIN unit pu ON pu.id = u.parent_id
    WHERE u.id = ${unitId}::uuid`.execute(db);
  return r.rows[0];
}

async function usersById(db: Db, ids: (string | null | undefined)[]) {
  const list = [...new Set(ids.filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x)))];
  const map = new Map<string, { name: string; phone: string | null }>();
  if (list.length === 0) return map;
  const r = await sql<{ id: string; name: string; phone: string | null }>`
    SELECT id, full_name AS name, phone FROM app_user WHERE id = ANY(${list}::uuid[])`.execute(db);
  for (const u of r.rows) map.set(u.id, { name: u.name, phone: u.phone });
  return map;
}

async function unitNames(db: Db, ids: (string | null | undefined)[]) {
  const list = [...new Set(ids.filter((x): x is string => !!x && /^[0-9a-f-]{36}$/i.test(x)))];
  const map = new Map<string, string>();
  if (list.length === 0) return map;
  const r = await sql<{ id: string; name: string }>`
    SELECT id, name FROM unit WHERE id = ANY(${list}::uuid[])`.execute(db);
  for (const u of r.rows) map.set(u.id, u.name);
  return map;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function person(o: Record<string, unknown> | null | undefined, fallbackName: string): PersonDetails {
  return {
    name: str(o?.name) ?? fallbackName,
    idNumber: str(o?.idNumber),
    birthDate: str(o?.birthDate),
    address: str(o?.address),
    phone: str(o?.phone),
    email: str(o?.email),
  };
}

function applicantOf(row: DossierRecord): ApplicantDetails {
  const a = row.applicant && typeof row.applicant === 'object' ? row.applicant : {};
  const p = person(a, row.applicantName);
  const proxyRaw = a.proxy && typeof a.proxy === 'object' ? (a.proxy as Record<string, unknown>) : null;
  const type = a.type === 'ORGANISATION' || a.type === 'ORGANIZATION' ? 'ORGANISATION' : a.type ? 'PERSON' : null;
  return {
    ...p,
    phone: p.phone ?? row.applicantPhone,
    type,
    proxy:
      proxyRaw && str(proxyRaw.name)
        ? { ...person(proxyRaw, ''), authorisationRef: str(proxyRaw.authorisationRef) }
        : null,
  };
}

const paperKinds: Record<string, string> = {
  ORIGINAL: 'Bản chính',
  COPY: 'Bản sao',
  CERTIFIED_COPY: 'Bản sao chứng thực',
  PHOTOCOPY: 'Bản chụp',
  ORIGINAL_AND_COPY: 'Bản chính và bản sao',
  ELECTRONIC: 'Bản điện tử',
  ELECTRONIC_COPY: 'Bản sao điện tử',
};

function papersOf(raw: unknown): PaperLine[] {
  if (!Array.isArray(raw)) return [];
  const out: PaperLine[] = [];
  for (const p of raw as Record<string, unknown>[]) {
    if (!p || typeof p !== 'object' || p.provided === false) continue;
    const name = str(p.name);
    if (!name) continue;
    const kind = str(p.kind);
    out.push({
      index: out.length + 1,
      name,
      kind: kind ? (paperKinds[kind.toUpperCase()] ?? kind) : null,
      copies: typeof p.copies === 'number' ? p.copies : null,
    });
  }
  return out;
}

const lastOf = (actions: ActionRecord[], type: string) => actions.filter((a) => a.type === type).at(-1);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function stageOf(s: DossierState, steps: ControlStep[]): string {
  const stop = s.stop!;
  const ended = [...steps].reverse().find((st) => st.endReason === 'ENDED' || st.endedAt === null);
  if (ended && (ended.endedAt === null || ended.endedAt >= (s.withdrawal?.at ?? stop.at)))
    return `Đang giải quyết${ended.stepName ? ` ở bước “${ended.stepName}”` : ''} tại ${ended.bodyName}${
      ended.assigneeName ? ` (người xử lý: ${ended.assigneeName})` : ''
    }; chưa có kết quả giải quyết.`;
  if (s.supplement && s.supplement.completedAt === null) return 'Đang chờ bổ sung, hoàn thiện hồ sơ.';
  if (steps.length > 0) return `Đã qua bước “${steps.at(-1)!.stepName ?? 'xử lý'}”; chưa có kết quả giải quyết.`;
  return 'Hồ sơ đã được tiếp nhận, chưa chuyển giải quyết.';
}

/** Everything the forms of one dossier print. */
export async function loadFormData(db: Db, row: DossierRecord, publicBase: string): Promise<FormData | undefined> {
  const unit = await unitInfo(db, row.unitId);
  if (!unit) return undefined;
  const s = row.stateJson;
  const ar = await sql<ActionRecord>`
    SELECT type, actor_id AS "actorId", at, payload FROM dossier_action
    WHERE dossier_id = ${row.id}::uuid ORDER BY seq`.execute(db);
  const actions = ar.rows;
  const receive = lastOf(actions, 'RECEIVE');
  const refusalAction = lastOf(actions, 'REFUSE_RECEPTION');
  const guidance = lastOf(actions, 'GUIDE_TO_COMPLETE');
  const supplementAction = lastOf(actions, 'REQUEST_SUPPLEMENT');
  const apologyAction = lastOf(actions, 'APOLOGIZE_AND_RESCHEDULE');
  const stopAction = lastOf(actions, 'STOP') ?? lastOf(actions, 'CLOSE_UNSUPPLEMENTED');
  const users = await usersById(db, [
    row.receivedBy,
    receive?.actorId,
    refusalAction?.actorId,
    guidance?.actorId,
    supplementAction?.actorId,
    s.supplement?.requestedBy,
    apologyAction?.actorId,
    stopAction?.actorId,
    ...s.steps.map((st) => st.assigneeUserId),
  ]);
  const units = await unitNames(db, [
    ...s.steps.map((st) => st.unitId),
    ...s.subDossiers.map((x) => x.coordinatingBodyId),
  ]);
  const nameOf = (id: string | null | undefined) => (id ? (users.get(id)?.name ?? null) : null);
  const steps: ControlStep[] = s.steps.map((st) => ({
    stepName: st.name,
    bodyName: units.get(st.unitId) ?? unit.name,
    assigneeName: nameOf(st.assigneeUserId),
    assignedAt: st.assignedAt,
    takenAt: st.takenAt,
    endedAt: st.endedAt,
    endReason: st.endReason,
    timeliness: st.timeliness,
  }));
  const receiverId = row.receivedBy ?? receive?.actorId ?? null;
  const receivedBy = receiverId && users.get(receiverId) ? users.get(receiverId)! : null;

  let supplement: FormData['supplement'] = null;
  if (s.supplement) {
    const by = s.supplement.requestedBy ?? supplementAction?.actorId ?? null;
    supplement = {
      at: s.supplement.requestedAt,
      stage: 'PROCESSING',
      mode: s.supplement.mode,
      items: s.supplement.items,
      reason: s.supplement.reason,
      byName: nameOf(by),
      byPhone: by ? (users.get(by)?.phone ?? null) : null,
    };
  } else if (s.receptionNote?.kind === 'GUIDED_TO_COMPLETE') {
    const p = guidance?.payload ?? {};
    supplement = {
      at: guidance?.at.getTime() ?? s.lastActionAt ?? Date.now(),
      stage: 'RECEPTION',
      mode: null,
      items: s.receptionNote.items.length ? s.receptionNote.items : strings(p.items),
      reason: s.receptionNote.reasons[0] ?? str(p.reason) ?? '',
      byName: nameOf(guidance?.actorId),
      byPhone: guidance?.actorId ? (users.get(guidance.actorId)?.phone ?? null) : null,
    };
  }

  const refusal: FormData['refusal'] =
    s.receptionNote?.kind === 'REFUSED'
      ? {
          at: refusalAction?.at.getTime() ?? s.lastActionAt ?? Date.now(),
          reasons: s.receptionNote.reasons.length ? s.receptionNote.reasons : strings(refusalAction?.payload?.reasons),
          byName: nameOf(refusalAction?.actorId),
        }
      : null;

  const apology: FormData['apology'] = s.apology
    ? {
        at: s.apology.at,
        reason: s.apology.reason,
        previousDueAt: s.apology.previousDueAt,
        newDueAt: s.apology.newDueAt,
        dateOnly: typeof apologyAction?.payload?.newDueDate === 'string',
        signerName: s.apology.signerName,
        letterNumber: s.apology.letterNumber,
      }
    : null;

  const stop: FormData['stop'] = s.stop
    ? {
        at: s.stop.at,
        cause: s.stop.cause,
        reason: s.stop.reason,
        legalGround: s.stop.legalGround,
        stopNoticeNumber: s.stop.stopNoticeNumber,
        byName: nameOf(stopAction?.actorId),
        withdrawal: s.withdrawal ? { at: s.withdrawal.at, reason: s.withdrawal.reason } : null,
        stage: stageOf(s, steps),
        fees: s.payment?.feeLines ?? [],
        feesPaid: s.payment ? s.payment.status === 'PAID' : null,
      }
    : null;

  return {
    dossier: {
      id: row.id,
      code: row.code ?? s.dossierCode,
      regime: s.regime,
      state: s.state,
      statusCode: s.statusCode,
      channel: s.channel,
      submittedAt: s.submittedAt,
      receivedAt: s.receivedAt,
      dueAt: s.dueAt,
      originalDueAt: s.originalDueAt,
      rescheduledDueAt: s.rescheduledDueAt,
      transferredAt: s.transferredAt,
      transferLate: s.transferLate,
      resolvedAt: s.resolvedAt,
      deliveredAt: s.deliveredAt,
      summary: str(row.summary),
      setCount: row.setCount && row.setCount > 0 ? row.setCount : 1,
      papers: papersOf(row.papers),
      timeLimit: s.procedure?.timeLimit ?? null,
      submittedBy: row.submittedBy,
    },
    unit,
    procedure: {
      code: row.procedureCode,
      name: row.procedureName ?? row.procedureCode,
      field: row.procedureField,
      competentBody: str(row.competentAuthority),
      feeText: str(row.feeText),
    },
    applicant: applicantOf(row),
    receivedBy,
    steps,
    coordinatingBodies: s.subDossiers.map((x) => units.get(x.coordinatingBodyId) ?? x.coordinatingBodyId),
    supplement,
    refusal,
    apology,
    stop,
    delivery: s.delivery
      ? { method: s.delivery.method, at: s.delivery.deliveredAt, recipientName: s.delivery.recipientName }
      : null,
    lookupUrl: (row.code ?? s.dossierCode) ? lookupUrlFor(publicBase, (row.code ?? s.dossierCode)!) : null,
  };
}

interface TrackingRecord {
  code: string;
  procedureName: string | null;
  setCount: number | null;
  applicantName: string;
  applicantPhone: string | null;
  applicant: Record<string, unknown> | null;
  competentAuthority: string | null;
  receivedAt: Date;
  statusCode: number;
  facts: {
    dueAt: number | null;
    originalDueAt: number | null;
    rescheduledDueAt: number | null;
    transferredAt: number | null;
    resolvedAt: number | null;
    deliveredAt: number | null;
    deliveryMethod: DeliveryMethod | null;
  };
}

/** The tracking book of a unit: dossiers received from `from` to `to` (local dates, inclusive), by receipt. */
export async function loadTrackingBook(
  db: Db,
  unit: UnitInfo,
  from: string,
  to: string,
  printedAt = Date.now(),
): Promise<TrackingBookData> {
  const start = new Date(localInstant(from));
  const end = new Date(localInstant(addDays(to, 1)));
  const r = await sql<TrackingRecord>`
    SELECT d.code, coalesce(v.name, p.name) AS "procedureName", d.set_count AS "setCount",
      d.applicant_name AS "applicantName", d.applicant_phone AS "applicantPhone", d.applicant,
      v.competent_authority AS "competentAuthority", d.received_at AS "receivedAt", d.status_code AS "statusCode",
      jsonb_build_object(
        'dueAt', d.state_json->'dueAt', 'originalDueAt', d.state_json->'originalDueAt',
        'rescheduledDueAt', d.state_json->'rescheduledDueAt', 'transferredAt', d.state_json->'transferredAt',
        'resolvedAt', d.state_json->'resolvedAt', 'deliveredAt', d.state_json->'deliveredAt',
        'deliveryMethod', d.state_json->'delivery'->'method') AS facts
    FROM dossier d
    LEFT JOIN procedure_version v ON v.id = d.procedure_version_id
    LEFT JOIN procedure p ON p.code = d.procedure_code
    WHERE d.unit_id = ${unit.id}::uuid AND d.code IS NOT NULL
      AND d.received_at >= ${start} AND d.received_at < ${end}
    ORDER BY d.received_at, d.code`.execute(db);
  const rows: TrackingRow[] = r.rows.map((x) => ({
    code: x.code,
    procedureName: x.procedureName ?? '',
    setCount: x.setCount && x.setCount > 0 ? x.setCount : 1,
    applicantName: x.applicantName,
    applicantAddress: str(x.applicant?.address),
    applicantPhone: x.applicantPhone ?? str(x.applicant?.phone),
    competentBody: str(x.competentAuthority) ?? unit.name,
    receivedAt: x.receivedAt.getTime(),
    dueAt: x.facts.dueAt,
    originalDueAt: x.facts.originalDueAt,
    rescheduledDueAt: x.facts.rescheduledDueAt,
    transferredAt: x.facts.transferredAt,
    resolvedAt: x.facts.resolvedAt,
    deliveredAt: x.facts.deliveredAt,
    deliveryMethod: x.facts.deliveryMethod,
    statusCode: x.statusCode,
  }));
  return { unit, from, to, rows, printedAt };
}
