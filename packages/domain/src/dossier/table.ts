/**
 * The lifecycle as data (spec §6.3): one row per allowed transition. Lookup is by (state, action);
 * anything not listed is DOSSIER_ACTION_NOT_ALLOWED. `id` cites the spec's transition number.
 */
import type { Role } from '../access/roles';
import type { FormId, NotificationTopic } from './events.js';
import type { EffectName } from './effects.js';
import type { GuardName } from './guards.js';
import { activeStates, processingStates } from './statusCodes.js';
import type { DossierActionType, DossierStateName, RegimeId } from './types.js';

/**
 * Targets that depend on the dossier: SAME (a flag action), RESUME (back to where the wait began),
 * AFTER_SUPPLEMENT (PAUSE → resume; RESTART → first step again), AFTER_COORDINATION (back to the step
 * once every sub-dossier has returned).
 */
export type TransitionTarget = DossierStateName | 'SAME' | 'RESUME' | 'AFTER_SUPPLEMENT' | 'AFTER_COORDINATION';

export interface TransitionRow {
  id: string;
  action: DossierActionType;
  from: readonly DossierStateName[];
  to: TransitionTarget;
  roles: readonly Role[];
  guards: readonly GuardName[];
  effects: readonly EffectName[];
  /** Absent = both regimes. A row limited to one regime is a rule that differs between them. */
  regimes?: readonly RegimeId[];
  /** How the row differs between regimes, for readers and the generated documentation. */
  regimeNote?: string;
  notify?: NotificationTopic;
  documents?: readonly { form: FormId; regimes?: readonly RegimeId[] }[];
}

const APPLICANT: readonly Role[] = ['CITIZEN', 'COUNTER_OFFICER'];
const OFFICE: readonly Role[] = ['COUNTER_OFFICER'];
const OFFICERS: readonly Role[] = ['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER'];
const PRE_RECEPTION: readonly DossierStateName[] = ['NONE', 'SUBMITTED'];
const WAITING_FOR_CITIZEN: readonly DossierStateName[] = ['AWAITING_SUPPLEMENT', 'SUPPLEMENT_SUBMITTED'];

export const TRANSITIONS: readonly TransitionRow[] = [
  // Submission and reception (§5.2: four outcomes)
  {
    id: 'T2',
    action: 'SUBMIT',
    from: ['NONE'],
    to: 'SUBMITTED',
    roles: APPLICANT,
    guards: [],
    effects: ['submit'],
    notify: 'SUBMITTED',
  },
  {
    id: 'T4',
    action: 'SUBMIT',
    from: ['GUIDED_TO_COMPLETE'],
    to: 'SUBMITTED',
    roles: APPLICANT,
    guards: [],
    effects: ['submit'],
  },
  {
    id: 'T20',
    action: 'CANCEL',
    from: ['SUBMITTED', 'GUIDED_TO_COMPLETE'],
    to: 'CANCELLED',
    roles: APPLICANT,
    guards: [],
    effects: [],
  },
  {
    id: 'R1',
    action: 'GUIDE_TO_OTHER_BODY',
    from: PRE_RECEPTION,
    to: 'GUIDED_TO_OTHER_BODY',
    roles: OFFICE,
    guards: [],
    effects: ['guideToOtherBody'],
    notify: 'GUIDED',
  },
  {
    id: 'T3',
    action: 'GUIDE_TO_COMPLETE',
    from: PRE_RECEPTION,
    to: 'GUIDED_TO_COMPLETE',
    roles: OFFICE,
    guards: ['receptionGuidanceOnce'],
    effects: ['guideToComplete'],
    notify: 'GUIDED',
    documents: [{ form: 'SUPPLEMENT_REQUEST_SLIP' }],
  },
  {
    id: 'T5',
    action: 'REFUSE_RECEPTION',
    from: PRE_RECEPTION,
    to: 'REJECTED_AT_RECEPTION',
    roles: OFFICE,
    guards: [],
    effects: ['refuseReception'],
    notify: 'REFUSED_AT_RECEPTION',
    documents: [{ form: 'RECEPTION_REFUSAL_SLIP' }],
  },
  {
    id: 'T6',
    action: 'RECEIVE',
    from: PRE_RECEPTION,
    to: 'RECEIVED',
    roles: OFFICE,
    guards: ['regimeKnown', 'dossierCodeValid'],
    effects: ['receive'],
    regimeNote:
      'The receipt date fixes the regime; the code opens with the receiving unit (2018) or the deciding agency (2025).',
    notify: 'RECEIVED',
    documents: [{ form: 'RECEIPT_SLIP' }],
  },
  // Processing (§4, §5.3–5.4)
  {
    id: 'T7',
    action: 'TRANSFER',
    from: ['RECEIVED'],
    to: 'HANDED_OFF',
    roles: OFFICE,
    guards: [],
    effects: ['transfer'],
    documents: [{ form: 'PROCESS_CONTROL_SHEET_ROW' }],
  },
  {
    id: 'P1',
    action: 'ASSIGN',
    from: ['RECEIVED', 'HANDED_OFF', 'SENT_BACK', 'ASSIGNED'],
    to: 'ASSIGNED',
    roles: OFFICERS,
    guards: [],
    effects: ['openStep'],
    notify: 'STEP_ASSIGNED',
  },
  {
    id: 'P2',
    action: 'START_STEP',
    from: ['ASSIGNED'],
    to: 'IN_STEP',
    roles: OFFICERS,
    guards: [],
    effects: ['takeStep'],
  },
  {
    id: 'P3',
    action: 'HAND_OFF',
    from: ['IN_STEP'],
    to: 'HANDED_OFF',
    roles: OFFICERS,
    guards: [],
    effects: ['closeStep'],
    documents: [{ form: 'PROCESS_CONTROL_SHEET_ROW' }],
  },
  {
    id: 'P4',
    action: 'SEND_BACK',
    from: ['IN_STEP'],
    to: 'SENT_BACK',
    roles: OFFICERS,
    guards: [],
    effects: ['closeStep'],
    documents: [{ form: 'PROCESS_CONTROL_SHEET_ROW' }],
  },
  {
    id: 'T14',
    action: 'SEND_TO_COORDINATING_BODY',
    from: ['IN_STEP', 'COORDINATING'],
    to: 'COORDINATING',
    roles: OFFICERS,
    guards: ['subDossierNew'],
    effects: ['openSubDossier'],
  },
  {
    id: 'T14r',
    action: 'RECEIVE_COORDINATION_RESULT',
    from: ['COORDINATING'],
    to: 'AFTER_COORDINATION',
    roles: OFFICERS,
    guards: ['subDossierOpen'],
    effects: ['closeSubDossier'],
  },
  // Financial obligation (§5.5)
  {
    id: 'T12',
    action: 'REQUEST_PAYMENT',
    from: processingStates,
    to: 'AWAITING_PAYMENT',
    roles: OFFICERS,
    guards: ['paymentRequired'],
    effects: ['requestPayment'],
    notify: 'PAYMENT_REQUESTED',
  },
  {
    id: 'T13',
    action: 'CONFIRM_PAYMENT',
    from: ['AWAITING_PAYMENT'],
    to: 'RESUME',
    roles: OFFICERS,
    guards: [],
    effects: ['confirmPayment'],
  },
  // Supplement, once (§7)
  {
    id: 'T8',
    action: 'REQUEST_SUPPLEMENT',
    // Listed in the waits too, so a second Mẫu 02 is refused as "already requested", not as a bad state.
    from: ['RECEIVED', ...processingStates, ...WAITING_FOR_CITIZEN],
    to: 'AWAITING_SUPPLEMENT',
    roles: OFFICERS,
    guards: ['supplementOnce', 'supplementWindow'],
    effects: ['requestSupplement'],
    regimeNote: 'Clock PAUSE (2018 default) or RESTART (2025 default); 2025 adds the 3-working-day request window.',
    notify: 'SUPPLEMENT_REQUESTED',
    documents: [{ form: 'SUPPLEMENT_REQUEST_SLIP' }],
  },
  {
    id: 'T9',
    action: 'SUBMIT_SUPPLEMENT',
    from: ['AWAITING_SUPPLEMENT'],
    to: 'SUPPLEMENT_SUBMITTED',
    roles: APPLICANT,
    guards: [],
    effects: ['submitSupplement'],
  },
  {
    id: 'T11',
    action: 'REJECT_SUPPLEMENT',
    from: ['SUPPLEMENT_SUBMITTED'],
    to: 'AWAITING_SUPPLEMENT',
    roles: OFFICERS,
    guards: [],
    effects: ['rejectSupplement'],
  },
  {
    id: 'T10',
    action: 'ACCEPT_SUPPLEMENT',
    from: ['SUPPLEMENT_SUBMITTED'],
    to: 'AFTER_SUPPLEMENT',
    roles: OFFICERS,
    guards: [],
    effects: ['acceptSupplement'],
    regimeNote:
      'PAUSE adds the paused working time to dueAt; RESTART recomputes dueAt from the completion with the full time limit.',
    notify: 'SUPPLEMENT_ACCEPTED',
  },
  {
    id: 'T10c',
    action: 'CLOSE_UNSUPPLEMENTED',
    from: ['AWAITING_SUPPLEMENT'],
    to: 'STOPPED',
    roles: OFFICE,
    guards: ['supplementCompletionExpired'],
    effects: ['closeUnsupplemented'],
    regimes: ['OSS_2025'],
    regimeNote: 'Decree 118/2025 Art. 19(5): not completed within 15 days → closed. No such rule in 2018.',
    notify: 'STOPPED',
    documents: [{ form: 'STOP_NOTICE', regimes: ['OSS_2025'] }],
  },
  // Apology and one reschedule (§8): a flag, no state change
  {
    id: 'T21',
    action: 'APOLOGIZE_AND_RESCHEDULE',
    from: ['RECEIVED', ...processingStates, 'COORDINATING', 'AWAITING_PAYMENT'],
    to: 'SAME',
    roles: ['UNIT_LEADER', 'COUNTER_OFFICER'],
    guards: ['rescheduleOnce', 'rescheduleBeforeDue', 'apologyLeadTime', 'rescheduleDateValid'],
    effects: ['reschedule'],
    regimeNote:
      '2018 Mẫu 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả"; 2025 Mẫu 04 "Văn bản xin lỗi và đề nghị gia hạn" (date only).',
    notify: 'RESCHEDULED',
    documents: [{ form: 'APOLOGY_LETTER' }],
  },
  {
    id: 'D1',
    action: 'RECORD_DIGITIZATION',
    from: [...activeStates, 'RESOLVED'],
    to: 'SAME',
    roles: ['COUNTER_OFFICER', 'SPECIALIST'],
    guards: [],
    effects: ['recordDigitization'],
  },
  // Resolution and delivery (§9.2)
  {
    id: 'T15',
    action: 'RESOLVE',
    from: ['RECEIVED', ...processingStates],
    to: 'RESOLVED',
    roles: OFFICERS,
    guards: ['resultComplete'],
    effects: ['closeStep', 'resolve'],
    notify: 'RESULT_READY',
  },
  {
    id: 'T11r',
    action: 'RESOLVE',
    from: WAITING_FOR_CITIZEN,
    to: 'RESOLVED',
    roles: OFFICERS,
    guards: ['refusalOnlyDuringSupplement', 'resultComplete'],
    effects: ['closeStep', 'resolve'],
    notify: 'RESULT_READY',
  },
  {
    id: 'T16',
    action: 'DELIVER',
    from: ['RESOLVED'],
    to: 'DELIVERED',
    roles: OFFICE,
    guards: ['proxyAuthorised'],
    effects: ['deliver'],
    notify: 'DELIVERED',
  },
  // Withdrawal and stop (§9.1)
  {
    id: 'T17',
    action: 'REQUEST_WITHDRAWAL',
    from: activeStates,
    to: 'WITHDRAWAL_REQUESTED',
    roles: APPLICANT,
    guards: [],
    effects: ['closeStep', 'requestWithdrawal'],
  },
  {
    id: 'T18',
    action: 'STOP',
    from: ['WITHDRAWAL_REQUESTED'],
    to: 'STOPPED',
    roles: OFFICERS,
    guards: [],
    effects: ['stop'],
    regimeNote: '2025: Mẫu 05 stop notice.',
    notify: 'STOPPED',
    documents: [{ form: 'STOP_NOTICE', regimes: ['OSS_2025'] }],
  },
  {
    id: 'T19',
    action: 'STOP',
    from: activeStates,
    to: 'STOPPED',
    roles: OFFICERS,
    guards: ['stopGround'],
    effects: ['closeStep', 'stop'],
    regimeNote: '2025: Mẫu 05 stop notice.',
    notify: 'STOPPED',
    documents: [{ form: 'STOP_NOTICE', regimes: ['OSS_2025'] }],
  },
];

const index = new Map<string, TransitionRow>();
for (const row of TRANSITIONS) {
  for (const from of row.from) {
    const key = `${from}|${row.action}`;
    if (index.has(key)) throw new Error(`two transitions for ${key}`);
    index.set(key, row);
  }
}

export function findTransition(state: DossierStateName, action: DossierActionType): TransitionRow | undefined {
  return index.get(`${state}|${action}`);
}
