// Dossiers for the officer workspace: counter/postal reception, queues, the dossier page and its actions,
// attachments and the printable forms. Wire shapes mirror packages/server/src/dossiers/view.ts; the folded
// record is the domain's DossierState (type-only import, nothing of the domain reaches the bundle).
import type {
  Channel,
  ClockState,
  DossierActionType,
  DossierState,
  DossierStateName,
  NationalStatusCode,
  StepRecord,
} from '@motcua/domain/dossier/types';
import { dossierStates } from '@motcua/domain/dossier/types';
import { ApiError, api, request } from './client';
import { newIdempotencyKey, uploadForm } from './upload';

export { newIdempotencyKey };

export type { Channel, ClockState, DossierActionType, DossierState, DossierStateName, NationalStatusCode, StepRecord };

/** Every state a listed dossier can be in (NONE exists only before the first action). */
export const DOSSIER_STATES = dossierStates.filter((x): x is Exclude<DossierStateName, 'NONE'> => x !== 'NONE');
export type ListedState = Exclude<DossierStateName, 'NONE'>;

/** A queue row (GET /dossiers). Instants are ISO-8601 with +07:00. */
export interface DossierSummary {
  id: string;
  code: string | null;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string | null;
  channel: Channel;
  state: DossierStateName;
  statusCode: NationalStatusCode;
  statusName: string;
  applicantName: string;
  assigneeId: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  /** Working hours left until the due time (negative when overdue); null without a due time or once ended. */
  workingHoursLeft: number | null;
  /** The deadline clock: a figure while PAUSED or EXCLUDED stands still; STOPPED gives none. */
  clock: ClockState;
  submittedAt: string | null;
  version: number;
}

export interface Proxy {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  authorisationRef?: string | null;
}

export interface Applicant {
  type?: 'PERSON' | 'ORGANISATION';
  name: string;
  idNumber?: string | null;
  birthDate?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  proxy?: Proxy | null;
}

export interface DossierPaper {
  index: number;
  name: string;
  kind: string | null;
  copies: number | null;
  /** Required at reception (outside any alternative group); absent on dossiers received before it was recorded. */
  required?: boolean;
  provided: boolean;
}

export interface ProcessStepView {
  stepId: string;
  name: string;
  role: string | null;
  hours: number;
}

export interface TimelineItem {
  seq: number;
  type: DossierActionType;
  at: string;
  actorName: string | null;
  actorRole: string;
  payload: unknown;
}

/** GET /dossiers/:id (ETag = version). */
export interface Dossier extends DossierSummary {
  applicant: Applicant;
  summary: string | null;
  setCount: number;
  papers: DossierPaper[];
  /** Names of the step assignees, by user id. */
  people: Record<string, string>;
  originalDueAt: string | null;
  rescheduledDueAt: string | null;
  submittedAt: string | null;
  resolvedAt: string | null;
  deliveredAt: string | null;
  regime: 'OSS_2018' | 'OSS_2025' | null;
  allowedActions: DossierActionType[];
  process: { id: string; steps: ProcessStepView[] } | null;
  timeline: TimelineItem[];
  rating: { level: string; ratedAt: string } | null;
  /** The folded DossierState; instants are epoch milliseconds. */
  record: DossierState;
}

export interface ReceptionInput {
  unitId: string;
  procedureCode: string;
  channel: 'COUNTER' | 'POSTAL';
  applicant: Applicant;
  summary?: string;
  setCount?: number;
  papers?: { index: number; provided: boolean }[];
  postal?: { waybillNumber: string };
}

export interface DossierListParams {
  view: 'assigned' | 'unit';
  unitId?: string;
  includeSubtree?: boolean;
  /** Comma-separated states or `active`. */
  state?: string;
  q?: string;
  dueWithinHours?: number;
  cursor?: string | null;
  limit?: number;
}

export interface Assignee {
  userId: string;
  name: string;
  roles: string[];
}

export const ATTACHMENT_PURPOSES = ['COMPONENT', 'SUPPLEMENT', 'RESULT', 'POSTAL_RECEIPT', 'OTHER'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

export interface Attachment {
  id: string;
  purpose: AttachmentPurpose;
  paperIndex: number | null;
  label: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export const FORM_SLUGS = [
  'receipt-slip',
  'supplement-request',
  'reception-refusal',
  'apology-letter',
  'stop-notice',
  'process-control-sheet',
] as const;
export type FormSlug = (typeof FORM_SLUGS)[number];

const enc = encodeURIComponent;

/** True when the request may have reached the server without an answer (a retry must reuse its key). */
export const outcomeUnknown = (e: unknown) => e instanceof ApiError && e.status === 0;
export const isVersionConflict = (e: unknown) => e instanceof ApiError && e.code === 'DOSSIER_VERSION_CONFLICT';

/** One action of the state table: If-Match = the version shown, Idempotency-Key = this attempt. */
export function dossierAction<T>(
  id: string,
  version: number,
  type: DossierActionType,
  payload: Record<string, unknown>,
  key: string,
): Promise<T> {
  return request<T>('POST', `/dossiers/${enc(id)}/actions`, {
    body: { type, payload },
    headers: { 'if-match': `"${version}"`, 'idempotency-key': key },
  });
}

export interface AttachmentMeta {
  purpose: AttachmentPurpose;
  paperIndex?: number | null;
  label?: string | null;
}

/** Attaches one file to a dossier (officer or the submitting citizen), with upload progress. */
export function uploadAttachment<T>(id: string, file: File, meta: AttachmentMeta, onProgress?: (f: number) => void) {
  const form = new FormData();
  form.append('purpose', meta.purpose);
  if (meta.paperIndex != null) form.append('paperIndex', String(meta.paperIndex));
  if (meta.label) form.append('label', meta.label);
  form.append('file', file, file.name);
  return uploadForm<T>(`/dossiers/${enc(id)}/attachments`, form, onProgress);
}

export const attachmentUrl = (attachmentId: string) => `/api/v1/attachments/${enc(attachmentId)}/content`;

export const dossiersApi = {
  /** Counter or postal reception; `key` is the Idempotency-Key of this attempt. */
  receive: (body: ReceptionInput, key: string) =>
    request<Dossier>('POST', '/dossiers', { body, headers: { 'idempotency-key': key } }),
  list: (p: DossierListParams, signal?: AbortSignal) =>
    api.get<{ items: DossierSummary[]; nextCursor: string | null }>(
      '/dossiers',
      { ...p, includeSubtree: p.includeSubtree ? 'true' : undefined },
      signal,
    ),
  get: (id: string, signal?: AbortSignal) => api.get<Dossier>(`/dossiers/${enc(id)}`, undefined, signal),
  /** One action of the state table: If-Match = the version shown, Idempotency-Key = this attempt. */
  act: (id: string, version: number, type: DossierActionType, payload: Record<string, unknown>, key: string) =>
    dossierAction<Dossier>(id, version, type, payload, key),
  assignees: (id: string) => api.get<{ items: Assignee[] }>(`/dossiers/${enc(id)}/assignees`),
  attachments: (id: string) => api.get<{ items: Attachment[] }>(`/dossiers/${enc(id)}/attachments`),
  upload: (id: string, file: File, meta: AttachmentMeta, onProgress?: (fraction: number) => void) =>
    uploadAttachment<Attachment>(id, file, meta, onProgress),
  attachmentUrl,
  formUrl: (id: string, form: FormSlug, format: 'pdf' | 'html' = 'pdf') =>
    `/api/v1/dossiers/${enc(id)}/forms/${form}?format=${format}`,
  trackingBookUrl: (unitId: string, from: string, to: string, format: 'xlsx' | 'pdf' | 'html') =>
    `/api/v1/tracking-book?unitId=${enc(unitId)}&from=${enc(from)}&to=${enc(to)}&format=${format}`,
};
