import assert from 'node:assert/strict';
import { defaultWorkingCalendar, localInstant } from '../../src/calendar/index.js';
import {
  decide,
  initialDossierState,
  type DossierAction,
  type DossierActionType,
  type DossierContext,
  type DossierState,
} from '../../src/dossier/index.js';
import type { Role } from '../../src/access/roles';

export const cal = defaultWorkingCalendar();
export const ctx: DossierContext = { calendar: cal };
export const at = (date: string, time: string): number => localInstant(date, time);

const defaultRole: Record<DossierActionType, Role> = {
  SUBMIT: 'CITIZEN',
  CANCEL: 'CITIZEN',
  GUIDE_TO_OTHER_BODY: 'COUNTER_OFFICER',
  GUIDE_TO_COMPLETE: 'COUNTER_OFFICER',
  REFUSE_RECEPTION: 'COUNTER_OFFICER',
  RECEIVE: 'COUNTER_OFFICER',
  TRANSFER: 'COUNTER_OFFICER',
  ASSIGN: 'UNIT_LEADER',
  START_STEP: 'SPECIALIST',
  HAND_OFF: 'SPECIALIST',
  SEND_BACK: 'SPECIALIST',
  SEND_TO_COORDINATING_BODY: 'SPECIALIST',
  RECEIVE_COORDINATION_RESULT: 'SPECIALIST',
  REQUEST_PAYMENT: 'SPECIALIST',
  CONFIRM_PAYMENT: 'COUNTER_OFFICER',
  REQUEST_SUPPLEMENT: 'SPECIALIST',
  SUBMIT_SUPPLEMENT: 'CITIZEN',
  REJECT_SUPPLEMENT: 'COUNTER_OFFICER',
  ACCEPT_SUPPLEMENT: 'COUNTER_OFFICER',
  CLOSE_UNSUPPLEMENTED: 'COUNTER_OFFICER',
  APOLOGIZE_AND_RESCHEDULE: 'UNIT_LEADER',
  RECORD_DIGITIZATION: 'COUNTER_OFFICER',
  RESOLVE: 'UNIT_LEADER',
  DELIVER: 'COUNTER_OFFICER',
  REQUEST_WITHDRAWAL: 'CITIZEN',
  STOP: 'UNIT_LEADER',
};

let seq = 0;
export function act(type: DossierActionType, when: number | string, payload: unknown = {}, role?: Role): DossierAction {
  seq += 1;
  return {
    id: `a-${seq}`,
    type,
    actor: { userId: `u-${type.toLowerCase()}`, role: role ?? defaultRole[type], unitId: 'unit-1' },
    at: when,
    payload,
  };
}

/** Local date 'YYYY-MM-DD' → 'YYMMDD'. */
export const codeFor = (date: string, n = 1) =>
  `000.00.06.H56-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${String(n).padStart(4, '0')}`;

export const receivePayload = (date: string, procedure: Record<string, unknown> = {}, channel = 'COUNTER') => ({
  channel,
  dossierCode: codeFor(date),
  procedure: { timeLimit: { value: 5, unit: 'WORKING_DAYS' }, ...procedure },
});

export const samplePayload: Record<DossierActionType, (date: string) => Record<string, unknown>> = {
  SUBMIT: () => ({ channel: 'ONLINE' }),
  CANCEL: () => ({}),
  GUIDE_TO_OTHER_BODY: () => ({ reason: 'Không thuộc thẩm quyền', suggestedBody: 'UBND phường' }),
  GUIDE_TO_COMPLETE: () => ({ items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' }),
  REFUSE_RECEPTION: () => ({ reasons: ['Không đủ điều kiện'] }),
  RECEIVE: (date) => receivePayload(date),
  TRANSFER: () => ({ toUnitId: 'unit-2' }),
  ASSIGN: () => ({
    stepId: 'appraise',
    stepName: 'Thẩm định',
    assigneeUserId: 'u-specialist',
    budget: { value: 3, unit: 'WORKING_HOURS' },
  }),
  START_STEP: () => ({}),
  HAND_OFF: () => ({}),
  SEND_BACK: () => ({ reason: 'Cần xem lại' }),
  SEND_TO_COORDINATING_BODY: () => ({ subDossierId: 'sub-2', coordinatingBodyId: 'tax' }),
  RECEIVE_COORDINATION_RESULT: () => ({ subDossierId: 'sub-1', result: 'Đã xác định nghĩa vụ thuế' }),
  REQUEST_PAYMENT: () => ({ feeLines: [{ name: 'Lệ phí', amount: 50_000 }] }),
  CONFIRM_PAYMENT: () => ({ channel: 'ONLINE_NATIONAL_PORTAL' }),
  REQUEST_SUPPLEMENT: () => ({ items: ['Bản đồ thửa đất'], reason: 'Thiếu bản đồ' }),
  SUBMIT_SUPPLEMENT: () => ({}),
  REJECT_SUPPLEMENT: () => ({ note: 'Vẫn thiếu bản đồ' }),
  ACCEPT_SUPPLEMENT: () => ({}),
  CLOSE_UNSUPPLEMENTED: () => ({}),
  APOLOGIZE_AND_RESCHEDULE: () => ({ reason: 'Chờ ý kiến cơ quan phối hợp', newDueAt: '2026-12-31T17:00:00+07:00' }),
  RECORD_DIGITIZATION: () => ({ components: [{ code: 'TP1', digitized: true }] }),
  RESOLVE: () => ({
    outcome: 'APPROVED',
    resultNumber: '12/QĐ-UBND',
    signerName: 'Nguyễn Văn A',
    fileSha256: 'a'.repeat(64),
  }),
  DELIVER: () => ({ method: 'COUNTER', recipient: { type: 'APPLICANT', name: 'Trần Thị B' } }),
  REQUEST_WITHDRAWAL: () => ({ reason: 'Không còn nhu cầu' }),
  STOP: () => ({ reason: 'Dừng theo đề nghị', legalGround: 'Điều 21 Nghị định 118/2025/NĐ-CP' }),
};

/** Applies actions one by one, failing the test on the first refusal. */
export function run(
  actions: readonly DossierAction[],
  context: DossierContext = ctx,
  from: DossierState = initialDossierState(),
): DossierState {
  let s = from;
  for (const a of actions) {
    const r = decide(s, a, context);
    if (!r.ok)
      assert.fail(`${a.type} refused from ${s.state}: ${r.code} ${r.detail ?? ''} ${JSON.stringify(r.fields ?? [])}`);
    s = r.next;
  }
  return s;
}

export function refusedCode(s: DossierState, a: DossierAction, context: DossierContext = ctx): string | 'ok' {
  const r = decide(s, a, context);
  return r.ok ? 'ok' : r.code;
}
