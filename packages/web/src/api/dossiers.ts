// Dossiers for the officer workspace: counter/postal reception, queues, the dossier page and its actions,
// attachments and the printable forms. The wire types are the server's own schemas
// (packages/domain/src/schemas/dossiers.ts) and the folded record is the domain's DossierState, all imported as
// types only, so nothing of the domain or zod reaches the bundle.
import type {
  Channel,
  ClockState,
  DossierActionType,
  DossierState,
  DossierStateName,
  NationalStatusCode,
  RegimeId,
  StepRecord,
} from '@motcua/domain/dossier/types';
import { dossierStates } from '@motcua/domain/dossier/types';
import type * as schemas from '@motcua/domain/schemas/dossiers';
import { ApiError, api, request } from './client';
import type { In, Narrow, Out } from './schemaTypes';
import type { Page } from './types';
import { newIdempotencyKey, uploadForm } from './upload';

export { newIdempotencyKey };

export type { Channel, ClockState, DossierActionType, DossierState, DossierStateName, NationalStatusCode, StepRecord };

/** Every state a listed dossier can be in (NONE exists only before the first action). */
export const DOSSIER_STATES = dossierStates.filter((x): x is Exclude<DossierStateName, 'NONE'> => x !== 'NONE');
export type ListedState = Exclude<DossierStateName, 'NONE'>;

/** The summary's strings and numbers that are the state table's values. */
interface SummaryUnions {
  channel: Channel;
  state: DossierStateName;
  statusCode: NationalStatusCode;
  clock: ClockState;
}

/** A queue row (GET /dossiers) and a row of the citizen's own list. Instants are ISO-8601 with +07:00. */
export type DossierSummary = Narrow<Out<typeof schemas.dossierSummary>, SummaryUnions>;

type DossierWire = Out<typeof schemas.dossierView>;
export type Applicant = DossierWire['applicant'];
export type DossierPaper = Out<typeof schemas.dossierPaper>;
export type ProcessStepView = Out<typeof schemas.processStepView>;
export type TimelineItem = Narrow<Out<typeof schemas.timelineItem>, { type: DossierActionType }>;

/** GET /dossiers/:id (ETag = version). */
export type Dossier = Narrow<
  Omit<DossierWire, 'record'>,
  SummaryUnions & { regime: RegimeId | null; allowedActions: DossierActionType[]; timeline: TimelineItem[] }
> & {
  /** The folded DossierState (the schema: an object of unknown values); instants are epoch milliseconds. */
  record: DossierState;
};

/** The answer of an action when the viewer no longer sees the dossier (a coordinating body that returned its result). */
export type DossierActionResult = Narrow<Out<typeof schemas.minimalView>, { state: DossierStateName }>;
/** What an action answers: the detail, or the minimal result (`'applicant' in r` tells them apart). */
export type ActionAnswer = Dossier | DossierActionResult;
export const isDetail = (r: ActionAnswer): r is Dossier => 'applicant' in r;

export type ReceptionInput = In<typeof schemas.receiveBody>;

type ListQuery = In<typeof schemas.listQuery>;
/** GET /dossiers: the server's query, with the subtree flag as a boolean and numbers as numbers. */
export type DossierListParams = Omit<ListQuery, 'includeSubtree' | 'dueWithinHours' | 'limit' | 'cursor'> & {
  includeSubtree?: boolean;
  dueWithinHours?: number;
  limit?: number;
  cursor?: string | null;
};

export type Assignee = Out<typeof schemas.assigneeList>['items'][number];

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
export function dossierAction(
  id: string,
  version: number,
  type: DossierActionType,
  payload: Record<string, unknown>,
  key: string,
): Promise<ActionAnswer> {
  const body: In<typeof schemas.actionBody> = { type, payload };
  return request<ActionAnswer>('POST', `/dossiers/${enc(id)}/actions`, {
    body,
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
    api.get<Page<DossierSummary>>('/dossiers', { ...p, includeSubtree: p.includeSubtree ? 'true' : undefined }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Dossier>(`/dossiers/${enc(id)}`, undefined, signal),
  /** One action of the state table: If-Match = the version shown, Idempotency-Key = this attempt. */
  act: (id: string, version: number, type: DossierActionType, payload: Record<string, unknown>, key: string) =>
    dossierAction(id, version, type, payload, key),
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
