import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import Negotiator from 'negotiator';
import { DomainError, errorMessages, type ErrorCode, type FieldError } from '@motcua/domain';

export const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  AUTH_REQUIRED: 401,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOO_MANY_ATTEMPTS: 429,
  AUTH_DEMO_ACCOUNT_DISABLED: 403,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PRECONDITION_REQUIRED: 428,
  PRECONDITION_FAILED: 412,
  UNIT_CODE_INVALID: 400,
  UNIT_CODE_TAKEN: 409,
  UNIT_PARENT_INVALID: 400,
  UNIT_CYCLE: 400,
  UNIT_VALIDITY_INVALID: 400,
  UNIT_REORGANISATION_INVALID: 400,
  USERNAME_TAKEN: 409,
  GRANT_DUPLICATE: 409,
  AUDIT_CHAIN_BROKEN: 409,
  CALENDAR_INVALID_INPUT: 400,
  CATALOG_PROCEDURE_CODE_TAKEN: 409,
  CATALOG_VERSION_INVALID: 400,
  CATALOG_STEP_BUDGET_EXCEEDS_LEGAL_TIME: 400,
  CATALOG_PROCESS_NOT_EDITABLE: 409,
  CATALOG_IMPORT_INVALID: 422,
  CATALOG_IMPORT_FILE_INVALID: 400,
  SIMPLIFICATION_TRANSITION_INVALID: 409,
  DOSSIER_ACTION_NOT_ALLOWED: 409,
  DOSSIER_ROLE_NOT_ALLOWED: 403,
  DOSSIER_PAYLOAD_INVALID: 400,
  DOSSIER_ACTION_OUT_OF_ORDER: 409,
  DOSSIER_ACTION_NOT_IN_REGIME: 409,
  DOSSIER_REGIME_UNKNOWN: 400,
  DOSSIER_CODE_INVALID: 400,
  DOSSIER_CODE_DATE_MISMATCH: 400,
  DOSSIER_CODE_SEQUENCE_OVERFLOW: 409,
  // Legal rules of the state table: the request is understood but the dossier's history forbids it.
  DOSSIER_GUIDANCE_ALREADY_GIVEN: 409,
  DOSSIER_SUPPLEMENT_ALREADY_REQUESTED: 409,
  DOSSIER_SUPPLEMENT_WINDOW_CLOSED: 409,
  DOSSIER_SUPPLEMENT_CLOSE_TOO_EARLY: 409,
  DOSSIER_RESCHEDULE_ALREADY_USED: 409,
  DOSSIER_RESCHEDULE_AFTER_DUE: 409,
  DOSSIER_APOLOGY_TOO_LATE: 409,
  DOSSIER_RESCHEDULE_NOT_LATER: 422,
  DOSSIER_RESCHEDULE_NOT_WORKING_DAY: 422,
  DOSSIER_PAYMENT_NOT_REQUIRED: 422,
  DOSSIER_RESULT_INCOMPLETE: 422,
  DOSSIER_REFUSAL_ONLY: 409,
  DOSSIER_STOP_GROUND_REQUIRED: 422,
  DOSSIER_SUB_DOSSIER_UNKNOWN: 422,
  DOSSIER_SUB_DOSSIER_DUPLICATE: 409,
  DOSSIER_RECIPIENT_AUTHORISATION_REQUIRED: 422,
  DOSSIER_VERSION_CONFLICT: 409,
  DOSSIER_PAPERS_MISSING: 422,
  DOSSIER_ASSIGNEE_INVALID: 422,
  DOSSIER_RESULT_FILE_INVALID: 422,
  DOSSIER_CHANNEL_NOT_OFFERED: 422,
  DOSSIER_NOT_RATEABLE: 409,
  DOSSIER_ALREADY_RATED: 409,
  DOSSIER_PROCEDURE_NOT_AT_UNIT: 400,
  DOSSIER_TIME_LIMIT_UNSUPPORTED: 400,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ATTACHMENT_PURPOSE_NOT_ALLOWED: 403,
  FORM_NOT_APPLICABLE: 409,
  SERVICE_INDEX_PERIOD_IN_PROGRESS: 409,
  SERVICE_INDEX_REASON_REQUIRED: 422,
  INTERNAL_ERROR: 500,
};

/**
 * The language of a problem's `title`: Vietnamese unless the client's Accept-Language ranks English above it
 * (RFC 9110 §12.5.4, negotiated by `negotiator`; `*` and no header give Vietnamese). `detail` and field messages
 * stay Vietnamese.
 */
export function problemLanguage(acceptLanguage: string | undefined): 'vi' | 'en' {
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(['vi', 'en']);
  return best === 'en' ? 'en' : 'vi';
}

/** Every problem document of the API: the RFC 9457 members, then the code's own extra ones. */
export function sendProblemDocument(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: { code: string; status: number; messages: { vi: string; en: string }; detail?: string },
  extra: Record<string, unknown> = {},
): FastifyReply {
  const { code, status, messages } = problem;
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `https://motcua.example/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: messages[problemLanguage(request.headers['accept-language'])],
      status,
      code,
      detail: problem.detail ?? messages.vi,
      instance: request.url,
      requestId: request.id,
      ...extra,
    });
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  fields: FieldError[] = [],
  detail?: string,
): FastifyReply {
  const problem = { code, status: statusOf[code], messages: errorMessages[code], detail };
  return sendProblemDocument(reply, request, problem, fields.length > 0 ? { errors: fields } : {});
}

/** `where.a.b` (a problem's field name) from the path of a value inside the request's `where` part. */
export function pathOf(parts: readonly PropertyKey[], where: string): string {
  const joined = parts.map(String).join('.');
  return joined ? `${where}.${joined}` : where;
}

/** One place maps every failure to RFC 9457: domain errors, validation, parser errors, the rest as 500. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) return sendProblem(reply, request, error.code, error.fields, error.message);
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Fastify calls the query string 'querystring'; problems name it 'query.<name>' like the services do.
    const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
    const fields: FieldError[] = [];
    for (const v of error.validation) {
      const path = v.instancePath.split('/').filter(Boolean);
      const keys = (v.params as { keys?: string[] }).keys;
      if (v.keyword === 'unrecognized_keys' && keys) {
        for (const key of keys)
          fields.push({ field: pathOf([...path, key], where), message: 'Trường không được hỗ trợ.' });
      } else {
        fields.push({ field: pathOf(path, where), message: v.message ?? 'Không hợp lệ.' });
      }
    }
    return sendProblem(reply, request, 'VALIDATION_FAILED', fields);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendProblem(reply, request, 'MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(reply, request, 'PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendProblem(reply, request, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return sendProblem(reply, request, 'MALFORMED_JSON');
  if (error.statusCode === 429) return sendProblem(reply, request, 'RATE_LIMITED');
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, request, 'INTERNAL_ERROR');
}

/**
 * Problem codes whose document carries a report beside the field errors (a batch refused as a whole): the same
 * RFC 9457 members as sendProblem's, then the extra ones.
 */
export const reportProblems = {
  IMPORT_REJECTED: {
    status: 422,
    vi: 'Lô hồ sơ bị từ chối vì có bản ghi không hợp lệ; không ghi bản ghi nào.',
    en: 'The batch was refused because some records are invalid; nothing was written.',
  },
} as const;
export type ReportProblemCode = keyof typeof reportProblems;

export function sendReportProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ReportProblemCode,
  extra: { errors?: FieldError[]; [member: string]: unknown },
  detail?: string,
): FastifyReply {
  const { status, vi, en } = reportProblems[code];
  return sendProblemDocument(reply, request, { code, status, messages: { vi, en }, detail }, extra);
}
