// The citizen's side of dossiers: online submission and "my dossiers" (signed in), the online supplement and
// withdrawal, attachments of one's own dossier, and the public tracking and rating (no account: the code and
// the last four digits of the phone or ID number). Wire shapes mirror packages/server/src/dossiers/view.ts and
// public.ts; the folded record is the domain's DossierState (type-only import: nothing of the domain is bundled).
import type {
  DossierActionType,
  DossierState,
  DossierStateName,
  NationalStatusCode,
} from '@motcua/domain/dossier/types';
import { api, request } from './client';
import { attachmentUrl, dossierAction, uploadAttachment } from './dossiers';
import { newIdempotencyKey } from './upload';

export { newIdempotencyKey };

export type { DossierActionType, DossierState, DossierStateName, NationalStatusCode };

export type ApplicantType = 'PERSON' | 'ORGANISATION';

export interface ProxyInput {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  authorisationRef?: string;
}

export interface ApplicantInput {
  type: ApplicantType;
  name: string;
  phone?: string;
  idNumber?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  address?: string;
  email?: string;
  proxy?: ProxyInput;
}

export interface SubmissionInput {
  unitId: string;
  procedureCode: string;
  applicant: ApplicantInput;
  summary?: string;
  setCount?: number;
}

/** A row of "my dossiers". Instants are ISO-8601 with +07:00. */
export interface MyDossierSummary {
  id: string;
  code: string | null;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string | null;
  channel: 'COUNTER' | 'ONLINE' | 'POSTAL';
  state: DossierStateName;
  statusCode: NationalStatusCode;
  statusName: string;
  applicantName: string;
  receivedAt: string | null;
  dueAt: string | null;
  workingHoursLeft: number | null;
  version: number;
}

export interface MyDossier extends MyDossierSummary {
  applicant: {
    type?: ApplicantType;
    name: string;
    idNumber?: string | null;
    birthDate?: string | null;
    address?: string | null;
    phone?: string | null;
    email?: string | null;
    proxy?: (Omit<ProxyInput, 'name'> & { name: string }) | null;
  };
  summary: string | null;
  setCount: number;
  papers: { index: number; name: string; kind: string | null; copies: number | null; provided: boolean }[];
  originalDueAt: string | null;
  rescheduledDueAt: string | null;
  submittedAt: string | null;
  resolvedAt: string | null;
  deliveredAt: string | null;
  allowedActions: DossierActionType[];
  timeline: { seq: number; type: DossierActionType; at: string }[];
  rating: { level: string; ratedAt: string } | null;
  /** The folded DossierState; instants are epoch milliseconds. */
  record: DossierState;
}

export type AttachmentPurpose = 'COMPONENT' | 'SUPPLEMENT';

export interface DossierAttachment {
  id: string;
  purpose: string;
  paperIndex: number | null;
  label: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export type Timeliness = 'EARLY' | 'ON_TIME' | 'OVERDUE';

/** GET /public/dossiers/:code?check=NNNN — no personal data. */
export interface PublicDossier {
  code: string;
  procedureCode: string;
  procedureName: string | null;
  unitName: string;
  state: DossierStateName;
  statusCode: NationalStatusCode;
  statusName: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  originalAppointmentAt: string | null;
  rescheduledAppointmentAt: string | null;
  resultReady: boolean;
  timeline: { type: DossierActionType | 'UNKNOWN'; statusCode: NationalStatusCode; statusName: string; at: string }[];
  steps: { name: string | null; endedAt: string | null; timeliness: Timeliness | null }[];
  supplementItems: string[] | null;
  rateable: boolean;
  rating: RatingLevel | null;
}

export const RATING_LEVELS = ['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
/** The legacy criteria list (spec §16): codes '1'..'12', each scored 0–2. */
export const RATING_CRITERIA = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

export interface RatingInput {
  level: RatingLevel;
  criteria?: { code: RatingCriterion; value: 0 | 1 | 2 }[];
  comment?: string;
}

const enc = encodeURIComponent;

export const citizenDossiersApi = {
  /** Online submission; `key` is the Idempotency-Key of this attempt (reuse it on retry). 201 new, 200 replay. */
  submit: (body: SubmissionInput, key: string) =>
    request<MyDossier>('POST', '/me/dossiers', { body, headers: { 'idempotency-key': key } }),
  mine: (signal?: AbortSignal) => api.get<{ items: MyDossierSummary[] }>('/me/dossiers', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<MyDossier>(`/dossiers/${enc(id)}`, undefined, signal),
  /** An applicant's action (SUBMIT_SUPPLEMENT, REQUEST_WITHDRAWAL, CANCEL): If-Match = version seen. */
  act: (id: string, version: number, type: DossierActionType, payload: Record<string, unknown>, key: string) =>
    dossierAction<MyDossier>(id, version, type, payload, key),
  attachments: (id: string, signal?: AbortSignal) =>
    api.get<{ items: DossierAttachment[] }>(`/dossiers/${enc(id)}/attachments`, undefined, signal),
  upload: (
    id: string,
    file: File,
    meta: { purpose: AttachmentPurpose; paperIndex?: number | null; label?: string | null },
    onProgress?: (fraction: number) => void,
  ) => uploadAttachment<DossierAttachment>(id, file, meta, onProgress),
  attachmentUrl,
};

export const publicDossiersApi = {
  /** 404 for a wrong code and for wrong digits alike; 429 when rate limited. */
  track: (code: string, check: string, signal?: AbortSignal) =>
    api.get<PublicDossier>(`/public/dossiers/${enc(code)}`, { check }, signal),
  rate: (code: string, check: string, body: RatingInput) =>
    api.postWith<{ level: RatingLevel }>(`/public/dossiers/${enc(code)}/rating`, body, { query: { check } }),
};
