// The citizen's side of dossiers: online submission and "my dossiers" (signed in), the online supplement and
// withdrawal, attachments of one's own dossier, and the public tracking and rating (no account: the code and
// the last four digits of the phone or ID number). The wire types are the server's own schemas
// (packages/domain/src/schemas/dossiers.ts), imported as types only: nothing of the domain or zod is bundled.
import type { CompletedTimeliness } from '@motcua/domain/calendar/timeliness';
import type {
  DossierActionType,
  DossierState,
  DossierStateName,
  NationalStatusCode,
} from '@motcua/domain/dossier/types';
import type * as schemas from '@motcua/domain/schemas/dossiers';
import { api, request } from './client';
import {
  attachmentUrl,
  dossierAction,
  uploadAttachment,
  type Attachment,
  type Dossier,
  type DossierSummary,
} from './dossiers';
import type { In, Narrow, Out } from './schemaTypes';
import { newIdempotencyKey } from './upload';

export { newIdempotencyKey };

export type { DossierActionType, DossierState, DossierStateName, NationalStatusCode };

export type ApplicantInput = In<typeof schemas.applicantInput>;
export type ProxyInput = NonNullable<ApplicantInput['proxy']>;
export type ApplicantType = NonNullable<ApplicantInput['type']>;
export type SubmissionInput = In<typeof schemas.submitBody>;

/** A row of "my dossiers" (GET /me/dossiers): the queue row's schema. */
export type MyDossierSummary = DossierSummary;
/** The citizen's own dossier (GET /dossiers/:id): the officer's detail schema, actor names hidden. */
export type MyDossier = Dossier;

export type AttachmentPurpose = 'COMPONENT' | 'SUPPLEMENT';
export type DossierAttachment = Attachment;

export type Timeliness = CompletedTimeliness;

export const RATING_LEVELS = ['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED'] as const satisfies readonly RatingLevel[];
export type RatingInput = In<typeof schemas.ratingBody>;
export type RatingLevel = RatingInput['level'];
/** The legacy criteria list (spec §16): codes '1'..'12', each scored 0–2. */
export const RATING_CRITERIA = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

type PublicWire = Out<typeof schemas.publicView>;
/** GET /public/dossiers/:code?check=NNNN — no personal data. */
export type PublicDossier = Narrow<
  PublicWire,
  {
    state: DossierStateName;
    statusCode: NationalStatusCode;
    timeline: (PublicWire['timeline'][number] & {
      type: DossierActionType | 'UNKNOWN';
      statusCode: NationalStatusCode;
    })[];
    steps: (PublicWire['steps'][number] & { timeliness: Timeliness | null })[];
    rating: RatingLevel | null;
  }
>;

const enc = encodeURIComponent;

export const citizenDossiersApi = {
  /** Online submission; `key` is the Idempotency-Key of this attempt (reuse it on retry). 201 new, 200 replay. */
  submit: (body: SubmissionInput, key: string) =>
    request<MyDossier>('POST', '/me/dossiers', { body, headers: { 'idempotency-key': key } }),
  mine: (signal?: AbortSignal) => api.get<{ items: MyDossierSummary[] }>('/me/dossiers', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<MyDossier>(`/dossiers/${enc(id)}`, undefined, signal),
  /** An applicant's action (SUBMIT_SUPPLEMENT, REQUEST_WITHDRAWAL, CANCEL): If-Match = version seen. */
  act: (id: string, version: number, type: DossierActionType, payload: Record<string, unknown>, key: string) =>
    dossierAction(id, version, type, payload, key),
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
    api.postWith<Narrow<Out<typeof schemas.ratingResult>, { level: RatingLevel }>>(
      `/public/dossiers/${enc(code)}/rating`,
      body,
      { query: { check } },
    ),
};
