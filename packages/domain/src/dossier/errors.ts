/** Stable dossier error codes with Vietnamese (and English) messages; to merge into src/errors.ts. */
export const dossierErrorMessages = {
  DOSSIER_ACTION_NOT_ALLOWED: {
    vi: 'Thao tác này không được phép ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not allowed in the current state of the dossier.',
  },
  DOSSIER_ACTION_NOT_IN_REGIME: {
    vi: 'Thao tác này không áp dụng cho hồ sơ theo quy định tại thời điểm tiếp nhận.',
    en: 'This action does not exist under the regime the dossier was received in.',
  },
  DOSSIER_ROLE_NOT_ALLOWED: {
    vi: 'Vai trò của bạn không được thực hiện thao tác này đối với hồ sơ.',
    en: 'Your role may not perform this action on a dossier.',
  },
  DOSSIER_PAYLOAD_INVALID: { vi: 'Dữ liệu thao tác hồ sơ không hợp lệ.', en: 'The action data is invalid.' },
  DOSSIER_ACTION_OUT_OF_ORDER: {
    vi: 'Thời điểm thao tác sớm hơn thao tác trước đó của hồ sơ.',
    en: 'The action is dated before the previous action of the dossier.',
  },
  DOSSIER_REGIME_UNKNOWN: {
    vi: 'Không xác định được quy định áp dụng cho ngày tiếp nhận này (trước 21/06/2018).',
    en: 'No one-stop regime applies to this receipt date (before 21/06/2018).',
  },
  DOSSIER_CODE_INVALID: {
    vi: 'Mã hồ sơ không đúng định dạng <mã định danh>-YYMMDD-NNNN.',
    en: 'The dossier code must have the form <identifier>-YYMMDD-NNNN.',
  },
  DOSSIER_CODE_DATE_MISMATCH: {
    vi: 'Phần ngày của mã hồ sơ phải là ngày tiếp nhận.',
    en: 'The date part of the dossier code must be the receipt date.',
  },
  DOSSIER_CODE_SEQUENCE_OVERFLOW: {
    vi: 'Số thứ tự hồ sơ trong ngày vượt quá 9999.',
    en: 'The daily dossier sequence exceeds 9999.',
  },
  DOSSIER_GUIDANCE_ALREADY_GIVEN: {
    vi: 'Hồ sơ đã được hướng dẫn bổ sung, hoàn thiện một lần; chỉ được hướng dẫn một lần.',
    en: 'Guidance to complete was already given once; it may be given only once.',
  },
  DOSSIER_SUPPLEMENT_ALREADY_REQUESTED: {
    vi: 'Hồ sơ đã được yêu cầu bổ sung một lần; không được yêu cầu bổ sung lần thứ hai.',
    en: 'A supplement was already requested; a second request is not allowed.',
  },
  DOSSIER_SUPPLEMENT_WINDOW_CLOSED: {
    vi: 'Đã quá thời hạn được yêu cầu bổ sung hồ sơ kể từ ngày tiếp nhận.',
    en: 'The period for requesting a supplement after receipt has passed.',
  },
  DOSSIER_SUPPLEMENT_CLOSE_TOO_EARLY: {
    vi: 'Chưa hết thời hạn bổ sung hồ sơ; chưa được đóng hồ sơ.',
    en: 'The supplement period has not expired; the dossier cannot be closed yet.',
  },
  DOSSIER_RESCHEDULE_ALREADY_USED: {
    vi: 'Hồ sơ đã được hẹn lại ngày trả kết quả một lần; không được hẹn lại lần thứ hai.',
    en: 'The result date was already rescheduled once; a second reschedule is not allowed.',
  },
  DOSSIER_RESCHEDULE_AFTER_DUE: {
    vi: 'Đã quá hạn giải quyết; phải gửi văn bản xin lỗi và hẹn lại trước ngày hết hạn.',
    en: 'The due time has passed; the apology and new date must come before it.',
  },
  DOSSIER_APOLOGY_TOO_LATE: {
    vi: 'Văn bản xin lỗi phải gửi chậm nhất 01 ngày trước ngày hết hạn giải quyết.',
    en: 'The apology must be sent at least one day before the due date.',
  },
  DOSSIER_RESCHEDULE_NOT_LATER: {
    vi: 'Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.',
    en: 'The new result date must be after the current one.',
  },
  DOSSIER_RESCHEDULE_NOT_WORKING_DAY: {
    vi: 'Ngày hẹn trả mới phải là ngày làm việc.',
    en: 'The new result date must be a working day.',
  },
  DOSSIER_PAYMENT_NOT_REQUIRED: {
    vi: 'Hồ sơ không có khoản phí, lệ phí hoặc nghĩa vụ tài chính phải nộp.',
    en: 'The dossier has no fee or financial obligation to pay.',
  },
  DOSSIER_RESULT_INCOMPLETE: {
    vi: 'Thiếu thông tin kết quả giải quyết (số, ký hiệu, người ký, hoặc lý do từ chối).',
    en: 'Result data are missing (number, signer, or refusal reason).',
  },
  DOSSIER_REFUSAL_ONLY: {
    vi: 'Khi hồ sơ đang chờ bổ sung, chỉ được trả kết quả là văn bản từ chối giải quyết.',
    en: 'While waiting for a supplement, only a refusal can be entered as the result.',
  },
  DOSSIER_STOP_GROUND_REQUIRED: {
    vi: 'Phải nêu căn cứ pháp lý để dừng giải quyết hồ sơ.',
    en: 'A legal ground is required to stop the dossier.',
  },
  DOSSIER_SUB_DOSSIER_UNKNOWN: {
    vi: 'Không tìm thấy hồ sơ liên thông đang chờ kết quả.',
    en: 'No open inter-agency sub-dossier with this id.',
  },
  DOSSIER_SUB_DOSSIER_DUPLICATE: {
    vi: 'Mã hồ sơ liên thông đã được sử dụng.',
    en: 'This sub-dossier id is already used.',
  },
  DOSSIER_RECIPIENT_AUTHORISATION_REQUIRED: {
    vi: 'Người nhận thay phải có giấy ủy quyền.',
    en: 'A proxy recipient needs an authorisation document.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type DossierErrorCode = keyof typeof dossierErrorMessages;

export interface DossierFieldError {
  field: string;
  message: string;
}

/** A refused action, as a value: decide() never throws for a rule violation. */
export interface DossierRefusal {
  ok: false;
  code: DossierErrorCode;
  fields?: DossierFieldError[];
  /** Developer-facing detail (not shown to citizens). */
  detail?: string;
}

export function refuse(code: DossierErrorCode, fields?: DossierFieldError[], detail?: string): DossierRefusal {
  return { ok: false, code, ...(fields ? { fields } : {}), ...(detail ? { detail } : {}) };
}
