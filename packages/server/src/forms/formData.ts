/**
 * What the form templates read: one dossier with the names its forms print, loaded by data.ts. Instants are
 * epoch ms (UTC); the builders print them in Asia/Ho_Chi_Minh.
 */
import type { Duration } from '@motcua/domain/calendar/index';
import type {
  Channel,
  DeliveryMethod,
  DossierStateName,
  NationalStatusCode,
  RegimeId,
} from '@motcua/domain/dossier/index';

export interface PersonDetails {
  name: string;
  idNumber: string | null;
  birthDate: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export interface ApplicantDetails extends PersonDetails {
  type: 'PERSON' | 'ORGANISATION' | null;
  proxy: (PersonDetails & { authorisationRef: string | null }) | null;
}

export interface PaperLine {
  index: number;
  name: string;
  /** Bản chính, bản sao, bản chụp … (already in Vietnamese). */
  kind: string | null;
  copies: number | null;
}

/** One internal-process step with the names the control sheet prints. */
export interface ControlStep {
  stepName: string | null;
  bodyName: string;
  assigneeName: string | null;
  assignedAt: number;
  takenAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  timeliness: 'EARLY' | 'ON_TIME' | 'OVERDUE' | null;
}

export interface UnitInfo {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parentName: string | null;
  parentType: string | null;
}

export interface FormData {
  dossier: {
    id: string;
    code: string | null;
    regime: RegimeId | null;
    state: DossierStateName;
    statusCode: NationalStatusCode | null;
    channel: Channel | null;
    submittedAt: number | null;
    receivedAt: number | null;
    dueAt: number | null;
    originalDueAt: number | null;
    rescheduledDueAt: number | null;
    transferredAt: number | null;
    transferLate: boolean;
    resolvedAt: number | null;
    deliveredAt: number | null;
    summary: string | null;
    setCount: number;
    papers: PaperLine[];
    timeLimit: Duration | null;
    submittedBy: string | null;
  };
  unit: UnitInfo;
  procedure: {
    code: string;
    name: string;
    field: string | null;
    /** The body that decides (cơ quan chủ trì giải quyết), as published; null = the receiving unit. */
    competentBody: string | null;
    feeText: string | null;
  };
  applicant: ApplicantDetails;
  receivedBy: { name: string; phone: string | null } | null;
  steps: ControlStep[];
  coordinatingBodies: string[];
  supplement: {
    at: number;
    /** RECEPTION: guidance before reception (T3); PROCESSING: the deciding body's request (T8). */
    stage: 'RECEPTION' | 'PROCESSING';
    /** The clock rule of a request during processing (RESTART: the time limit starts again). */
    mode: 'PAUSE' | 'RESTART' | null;
    items: string[];
    reason: string;
    byName: string | null;
    byPhone: string | null;
  } | null;
  refusal: { at: number; reasons: string[]; byName: string | null } | null;
  apology: {
    at: number;
    reason: string;
    previousDueAt: number;
    newDueAt: number;
    /** The new appointment was given as a date (APOLOGIZE_AND_RESCHEDULE.newDueDate). */
    dateOnly: boolean;
    signerName: string | null;
    letterNumber: string | null;
  } | null;
  stop: {
    at: number;
    cause: 'WITHDRAWAL' | 'LEGAL_GROUND' | 'SUPPLEMENT_NOT_COMPLETED';
    reason: string;
    legalGround: string | null;
    stopNoticeNumber: string | null;
    byName: string | null;
    withdrawal: { at: number; reason: string | null } | null;
    /** Where the dossier was when it stopped (the open step, or the state), in words. */
    stage: string;
    fees: { name: string; amount: number }[];
    feesPaid: boolean | null;
  } | null;
  delivery: { method: DeliveryMethod; at: number; recipientName: string } | null;
  /** `${publicBase}/tra-cuu?ma=<code>`; null without a code. */
  lookupUrl: string | null;
}

/** One line of the tracking book (§14.3). */
export interface TrackingRow {
  code: string;
  procedureName: string;
  setCount: number;
  applicantName: string;
  applicantAddress: string | null;
  applicantPhone: string | null;
  competentBody: string;
  receivedAt: number;
  dueAt: number | null;
  originalDueAt: number | null;
  rescheduledDueAt: number | null;
  transferredAt: number | null;
  resolvedAt: number | null;
  deliveredAt: number | null;
  deliveryMethod: DeliveryMethod | null;
  statusCode: number;
}

export interface TrackingBookData {
  unit: UnitInfo;
  from: string;
  to: string;
  rows: TrackingRow[];
  /** When the book was printed (epoch ms). */
  printedAt: number;
}
