/**
 * Vocabulary of the dossier lifecycle (spec one-stop-dossiers §5–§9, glossary §4–§5).
 * Instants are epoch ms (UTC); local dates are 'YYYY-MM-DD' in Asia/Ho_Chi_Minh.
 */
import type { Role } from '../access/roles';
import type { CompletedTimeliness, Duration, DueTimeMode } from '../calendar/index.js';

/** `NONE` exists only before the first action: the log, not a form draft, is the dossier. */
export const dossierStates = [
  'NONE',
  'SUBMITTED',
  'GUIDED_TO_COMPLETE',
  'GUIDED_TO_OTHER_BODY',
  'CANCELLED',
  'REJECTED_AT_RECEPTION',
  'RECEIVED',
  'ASSIGNED',
  'IN_STEP',
  'HANDED_OFF',
  'SENT_BACK',
  'COORDINATING',
  'AWAITING_PAYMENT',
  'AWAITING_SUPPLEMENT',
  'SUPPLEMENT_SUBMITTED',
  'RESOLVED',
  'DELIVERED',
  'WITHDRAWAL_REQUESTED',
  'STOPPED',
] as const;
export type DossierStateName = (typeof dossierStates)[number];

export const dossierActionTypes = [
  'SUBMIT',
  'CANCEL',
  'GUIDE_TO_OTHER_BODY',
  'GUIDE_TO_COMPLETE',
  'REFUSE_RECEPTION',
  'RECEIVE',
  'TRANSFER',
  'ASSIGN',
  'START_STEP',
  'HAND_OFF',
  'SEND_BACK',
  'SEND_TO_COORDINATING_BODY',
  'RECEIVE_COORDINATION_RESULT',
  'REQUEST_PAYMENT',
  'CONFIRM_PAYMENT',
  'REQUEST_SUPPLEMENT',
  'SUBMIT_SUPPLEMENT',
  'REJECT_SUPPLEMENT',
  'ACCEPT_SUPPLEMENT',
  'CLOSE_UNSUPPLEMENTED',
  'APOLOGIZE_AND_RESCHEDULE',
  'RECORD_DIGITIZATION',
  'RESOLVE',
  'DELIVER',
  'REQUEST_WITHDRAWAL',
  'STOP',
] as const;
export type DossierActionType = (typeof dossierActionTypes)[number];

export type RegimeId = 'OSS_2018' | 'OSS_2025';
export type NationalStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
export type ClockState = 'NOT_STARTED' | 'RUNNING' | 'PAUSED' | 'EXCLUDED' | 'STOPPED';
export type Channel = 'COUNTER' | 'ONLINE' | 'POSTAL';
export type SupplementClockMode = 'PAUSE' | 'RESTART';
export type ExcludedPeriod =
  'FINANCIAL_OBLIGATION' | 'CITIZEN_SUPPLEMENT' | 'FIELD_VERIFICATION' | 'PUBLIC_POSTING' | 'BOUNDARY_SIGNING';
export type DeliveryMethod = 'COUNTER' | 'POSTAL' | 'ONLINE';
export type ResultOutcome = 'APPROVED' | 'REFUSED';

export interface DossierActor {
  userId: string;
  role: Role;
  unitId: string;
}

/** One row of the append-only log; `id` is client-supplied so a retry is recognised. */
export interface DossierAction<P = unknown> {
  id: string;
  type: DossierActionType;
  actor: DossierActor;
  /** Epoch ms or ISO-8601 (no offset = +07:00). */
  at: number | string;
  payload: P;
}

/** The procedure-case rules fixed at reception; carried in the RECEIVE payload so the log is self-contained. */
export interface ProcedureRules {
  procedureCode: string | null;
  procedureCaseId: string | null;
  procedureVersionId: string | null;
  timeLimit: Duration;
  dueTimeMode: DueTimeMode;
  cutoffTime: string | null;
  /** null = the regime's default. */
  supplementClockMode: SupplementClockMode | null;
  /** null = the regime's default; a sector law may set its own window. */
  supplementRequestWindow: Duration | null;
  excludedPeriods: ExcludedPeriod[];
  immediateResult: boolean;
}

export interface WaitPeriod {
  kind: 'SUPPLEMENT' | 'FINANCIAL_OBLIGATION';
  start: number;
  end: number | null;
  /** What the wait does to the deadline: PAUSE adds it back, RESTART recomputes, NONE counts it. */
  deadlineEffect: 'PAUSE' | 'RESTART' | 'EXCLUDE' | 'NONE';
  /** Working time inside the wait, once closed. */
  workingMs: number | null;
}

export interface StepRecord {
  stepId: string;
  name: string | null;
  assigneeUserId: string;
  unitId: string;
  assignedAt: number;
  takenAt: number | null;
  endedAt: number | null;
  endReason: 'HANDED_OFF' | 'SENT_BACK' | 'REASSIGNED' | 'RESOLVED' | 'SUPPLEMENT_RESTART' | 'ENDED' | null;
  budget: Duration | null;
  stepDueAt: number | null;
  /** Working time of pauses and exclusions inside the step, not charged to it. */
  pausedWorkingMs: number;
  usedWorkingMs: number | null;
  timeliness: CompletedTimeliness | null;
}

export interface SubDossierRecord {
  id: string;
  coordinatingBodyId: string;
  sentAt: number;
  stepDueAt: number | null;
  returnedAt: number | null;
  result: string | null;
}

export interface FeeLine {
  name: string;
  amount: number;
}

export interface PaymentFacts {
  feeLines: FeeLine[];
  requestedAt: number;
  status: 'PENDING' | 'PAID';
  paidAt: number | null;
  channel: 'ONLINE_NATIONAL_PORTAL' | 'ONLINE_LOCAL_GATEWAY' | 'OFFLINE' | null;
  receiptUrl: string | null;
  excludedFromDeadline: boolean;
}

export interface SupplementFacts {
  requestedAt: number;
  requestedBy: string;
  items: string[];
  reason: string;
  mode: SupplementClockMode;
  /** Past the regime's request window (Decree 118/2025 Art. 19(5): 3 working days); kept as a fact. */
  requestedLate: boolean;
  submittedAt: number | null;
  rejectedCount: number;
  completedAt: number | null;
}

export interface ApologyFacts {
  at: number;
  reason: string;
  signerName: string | null;
  letterNumber: string | null;
  previousDueAt: number;
  newDueAt: number;
  /** Issued later than the apology lead time before the due date. */
  lateNotice: boolean;
}

export interface ResultFacts {
  outcome: ResultOutcome;
  resultNumber: string | null;
  signerName: string | null;
  signingCapacity: string | null;
  signedAt: number | null;
  resultCode: string | null;
  fileUrl: string | null;
  electronicCopySha256Present: boolean;
  refusalReason: string | null;
}

export interface DeliveryFacts {
  method: DeliveryMethod;
  deliveredAt: number;
  recipientType: 'APPLICANT' | 'PROXY';
  recipientName: string;
  recipientIdNumber: string | null;
  authorisationRef: string | null;
  waybillNumber: string | null;
  pushedToPersonalDataStore: boolean;
}

export interface ComponentFlags {
  code: string;
  digitized: boolean;
  reused: boolean;
  fromNationalStore: boolean;
  fromPopulationDatabase: boolean;
}

export interface DigitizationFacts {
  components: ComponentFlags[];
  accountVerifiedWithVNeID: boolean;
}

export interface StopFacts {
  at: number;
  cause: 'WITHDRAWAL' | 'LEGAL_GROUND' | 'SUPPLEMENT_NOT_COMPLETED';
  legalGround: string | null;
  reason: string;
  /** OSS_2025: Mẫu 05 "Thông báo dừng giải quyết hồ sơ" must be issued. */
  stopNoticeRequired: boolean;
  stopNoticeNumber: string | null;
}

export interface TimelineEntry {
  statusCode: NationalStatusCode;
  at: number;
  actionId: string;
}

/** The per-dossier facts the Decision 766 index and Biểu 06 need (service-index-766 §4). */
export interface IndexFacts {
  /** Only received dossiers count. */
  counted: boolean;
  /** Status-5 entries in the timeline; more than one makes the dossier overdue. */
  supplementStatusCount: number;
  endEvent: { kind: 'RESOLVED' | 'DELIVERED' | 'STOPPED' | 'WITHDRAWAL_REQUESTED'; at: number } | null;
  /** Status 5 with no return to 4: the index ends the dossier at the request. */
  waitingForCitizenSince: number | null;
  /** Elapsed (clock) time of the supplement, subtracted by the index. */
  supplementElapsedMs: number;
  /** NgayHenTra as synced (setting syncedDueAtBasis). */
  syncedDueAt: number | null;
  /** Decided once an end event (or citizen wait) exists; null while in progress. */
  onTime: boolean | null;
  late: boolean;
  /** Biểu 06 class of a resolved dossier (setting reportDueBasis). */
  completedTimeliness: CompletedTimeliness | null;
}

export interface DossierAnomaly {
  actionId: string;
  code: string;
}

export interface DossierState {
  state: DossierStateName;
  /** null only for NONE (no action yet). */
  statusCode: NationalStatusCode | null;
  subStatus: 'INTEROPERATING' | null;
  clock: ClockState;
  regime: RegimeId | null;
  channel: Channel | null;
  dossierCode: string | null;
  receivingUnitId: string | null;
  procedure: ProcedureRules | null;
  submittedAt: number | null;
  receivedAt: number | null;
  officialReceiptAt: number | null;
  transferDueAt: number | null;
  transferredAt: number | null;
  transferLate: boolean;
  dueAt: number | null;
  originalDueAt: number | null;
  supplementAdjustedDueAt: number | null;
  rescheduledDueAt: number | null;
  resolvedAt: number | null;
  deliveredAt: number | null;
  withdrawalRequestedAt: number | null;
  stoppedAt: number | null;
  pauses: WaitPeriod[];
  receptionGuidanceCount: number;
  supplementRequestCount: number;
  rescheduleCount: number;
  receptionNote: {
    kind: 'GUIDED_TO_COMPLETE' | 'GUIDED_TO_OTHER_BODY' | 'REFUSED';
    reasons: string[];
    items: string[];
  } | null;
  supplement: SupplementFacts | null;
  apology: ApologyFacts | null;
  steps: StepRecord[];
  subDossiers: SubDossierRecord[];
  payment: PaymentFacts | null;
  result: ResultFacts | null;
  delivery: DeliveryFacts | null;
  withdrawal: { at: number; reason: string | null; channel: Channel | null } | null;
  stop: StopFacts | null;
  digitization: DigitizationFacts;
  timeline: TimelineEntry[];
  index766: IndexFacts;
  /** Where a wait (supplement in PAUSE mode, payment) returns to. */
  resumeTo: DossierStateName | null;
  lastActionAt: number | null;
  actionIds: string[];
  anomalies: DossierAnomaly[];
}
