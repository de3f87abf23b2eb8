/**
 * Stable error codes with their Vietnamese (and English) messages. The server maps each code to an HTTP
 * status once; the web app may show the same text. A code never changes meaning once released.
 */
import { dossierErrorMessages } from './dossier/errors.js';

export const errorMessages = {
  VALIDATION_FAILED: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The submitted data is invalid.' },
  MALFORMED_JSON: { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { vi: 'Nội dung gửi lên vượt quá dung lượng cho phép.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { vi: 'Định dạng nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
  NOT_FOUND: { vi: 'Không tìm thấy tài nguyên yêu cầu.', en: 'Resource not found.' },
  AUTH_REQUIRED: { vi: 'Bạn cần đăng nhập để thực hiện thao tác này.', en: 'You must sign in.' },
  AUTH_INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  AUTH_TOO_MANY_ATTEMPTS: {
    vi: 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
    en: 'Too many failed sign-in attempts. Try again in a few minutes.',
  },
  AUTH_DEMO_ACCOUNT_DISABLED: {
    vi: 'Tài khoản mẫu bị vô hiệu hóa trong môi trường vận hành.',
    en: 'Demo accounts are disabled in production.',
  },
  CSRF_TOKEN_INVALID: {
    vi: 'Phiên làm việc không hợp lệ (thiếu mã CSRF). Vui lòng tải lại trang.',
    en: 'Missing or invalid CSRF token.',
  },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  RATE_LIMITED: { vi: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau.', en: 'Too many requests.' },
  PRECONDITION_REQUIRED: {
    vi: 'Cần gửi phiên bản hiện tại của bản ghi (If-Match) để cập nhật.',
    en: 'If-Match with the current version is required.',
  },
  PRECONDITION_FAILED: {
    vi: 'Bản ghi đã được người khác thay đổi. Vui lòng tải lại và thực hiện lại.',
    en: 'The record was changed by someone else. Reload and try again.',
  },
  UNIT_CODE_INVALID: {
    vi: 'Mã định danh điện tử của đơn vị không đúng định dạng LLL.CC.BB.AAA (ví dụ 000.00.00.H26).',
    en: 'Unit identifier code must have the form LLL.CC.BB.AAA (e.g. 000.00.00.H26).',
  },
  UNIT_CODE_TAKEN: {
    vi: 'Mã định danh này đang được một đơn vị khác sử dụng trong cùng thời gian hiệu lực.',
    en: 'This identifier code is used by another unit over the same period.',
  },
  UNIT_PARENT_INVALID: {
    vi: 'Đơn vị cấp trên không tồn tại hoặc không có hiệu lực trong thời gian của đơn vị.',
    en: 'The parent unit does not exist or is not valid over the unit period.',
  },
  UNIT_CYCLE: { vi: 'Không thể đặt đơn vị làm cấp dưới của chính nó.', en: 'A unit cannot be its own ancestor.' },
  UNIT_VALIDITY_INVALID: {
    vi: 'Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực.',
    en: 'validTo must not precede validFrom.',
  },
  UNIT_REORGANISATION_INVALID: {
    vi: 'Phương án sắp xếp đơn vị không hợp lệ.',
    en: 'The reorganisation is invalid.',
  },
  USERNAME_TAKEN: { vi: 'Tên đăng nhập đã được sử dụng.', en: 'This username is taken.' },
  GRANT_DUPLICATE: {
    vi: 'Người dùng đã có vai trò này tại đơn vị này.',
    en: 'The user already has this role on this unit.',
  },
  AUDIT_CHAIN_BROKEN: { vi: 'Chuỗi nhật ký kiểm tra bị sai lệch.', en: 'The audit chain is broken.' },
  CALENDAR_INVALID_INPUT: {
    vi: 'Dữ liệu lịch làm việc hoặc thời hạn không hợp lệ.',
    en: 'Invalid working-calendar or deadline input.',
  },
  CATALOG_PROCEDURE_CODE_TAKEN: {
    vi: 'Mã thủ tục hành chính này đã có trong danh mục.',
    en: 'This procedure code is already in the catalogue.',
  },
  CATALOG_VERSION_INVALID: {
    vi: 'Phiên bản thủ tục không hợp lệ (ngày hiệu lực trùng hoặc sớm hơn phiên bản hiện hành).',
    en: 'Invalid procedure version (effective date overlaps or precedes the current version).',
  },
  CATALOG_STEP_BUDGET_EXCEEDS_LEGAL_TIME: {
    vi: 'Tổng thời gian các bước của quy trình nội bộ vượt thời hạn giải quyết theo quy định.',
    en: 'The step budgets of the internal process exceed the legal time limit.',
  },
  CATALOG_PROCESS_NOT_EDITABLE: {
    vi: 'Chỉ sửa hoặc phê duyệt được quy trình nội bộ ở trạng thái dự thảo.',
    en: 'Only a draft internal process can be edited or approved.',
  },
  CATALOG_IMPORT_INVALID: {
    vi: 'Tệp nhập có bản ghi không hợp lệ; không bản ghi nào được ghi. Xem báo cáo từng bản ghi.',
    en: 'The import has invalid records; nothing was written. See the per-record report.',
  },
  CATALOG_IMPORT_FILE_INVALID: {
    vi: 'Không đọc được tệp nhập (JSON, CSV hoặc XLSX không hợp lệ hoặc sai dòng tiêu đề).',
    en: 'The import file cannot be read (invalid JSON, CSV or XLSX, or a wrong header row).',
  },
  SIMPLIFICATION_TRANSITION_INVALID: {
    vi: 'Không thể chuyển phương án đơn giản hóa sang trạng thái này.',
    en: 'This simplification plan transition is not allowed.',
  },
  // Every refusal of the dossier state table, with the same messages as the domain's.
  ...dossierErrorMessages,
  DOSSIER_VERSION_CONFLICT: {
    vi: 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.',
    en: 'The dossier was changed by someone else. Reload it and try again.',
  },
  DOSSIER_PAPERS_MISSING: {
    vi: 'Hồ sơ còn thiếu thành phần bắt buộc của thủ tục; chưa thể tiếp nhận.',
    en: 'Required papers of the procedure are missing; the dossier cannot be received.',
  },
  DOSSIER_ASSIGNEE_INVALID: {
    vi: 'Người được giao không có quyền xử lý hồ sơ tại đơn vị này.',
    en: 'The assignee cannot process dossiers at this unit.',
  },
  DOSSIER_RESULT_FILE_INVALID: {
    vi: 'Tệp kết quả không thuộc hồ sơ này hoặc không phải tệp kết quả.',
    en: 'The result file does not belong to this dossier or is not a result file.',
  },
  DOSSIER_CHANNEL_NOT_OFFERED: {
    vi: 'Thủ tục không cung cấp cách thức nộp hồ sơ này.',
    en: 'The procedure is not offered through this channel.',
  },
  DOSSIER_NOT_RATEABLE: {
    vi: 'Chỉ đánh giá được hồ sơ đã trả kết quả.',
    en: 'Only a delivered dossier can be rated.',
  },
  DOSSIER_ALREADY_RATED: {
    vi: 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ đánh giá một lần.',
    en: 'This dossier has already been rated; one rating per dossier.',
  },
  DOSSIER_PROCEDURE_NOT_AT_UNIT: {
    vi: 'Thủ tục không có phiên bản có hiệu lực áp dụng tại đơn vị tiếp nhận vào ngày tiếp nhận.',
    en: 'The procedure has no version in force at the receiving unit on the receipt date.',
  },
  DOSSIER_TIME_LIMIT_UNSUPPORTED: {
    vi: 'Thủ tục không có thời hạn giải quyết tính được cho cách thức nộp này.',
    en: 'The procedure has no computable time limit for this channel.',
  },
  ATTACHMENT_TOO_LARGE: {
    vi: 'Tệp đính kèm vượt quá dung lượng cho phép.',
    en: 'The attachment is larger than allowed.',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    vi: 'Loại tệp không được chấp nhận. Chỉ nhận PDF, JPEG, PNG, TIFF, DOCX, XLSX hoặc ODT (kiểm tra theo nội dung tệp).',
    en: 'File type not allowed. Only PDF, JPEG, PNG, TIFF, DOCX, XLSX or ODT are accepted (checked by content).',
  },
  ATTACHMENT_PURPOSE_NOT_ALLOWED: {
    vi: 'Người nộp hồ sơ chỉ được đính kèm thành phần hồ sơ hoặc tài liệu bổ sung.',
    en: 'The applicant may only attach dossier components or supplements.',
  },
  FORM_NOT_APPLICABLE: {
    vi: 'Biểu mẫu này không áp dụng cho hồ sơ ở trạng thái hoặc theo chế độ pháp lý hiện tại.',
    en: 'This form does not apply to the dossier in its current state or legal regime.',
  },
  SERVICE_INDEX_PERIOD_IN_PROGRESS: {
    vi: 'Kỳ đánh giá chưa kết thúc: chỉ chốt được kết quả của kỳ đã kết thúc.',
    en: 'The period is still in progress: only a finished period can be frozen.',
  },
  SERVICE_INDEX_REASON_REQUIRED: {
    vi: 'Kỳ này đã có kết quả được chốt: cần nêu lý do tính lại để tạo phiên bản mới.',
    en: 'Results of this period are already frozen: a reason is required for a new version.',
  },
  INTERNAL_ERROR: { vi: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.', en: 'Internal error.' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;

export interface FieldError {
  field: string;
  message: string;
}

/** A rule violation the caller can act on. Thrown by services, mapped to problem+json by the server. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldError[] = [],
    detail?: string,
  ) {
    super(detail ?? errorMessages[code].vi);
    this.name = 'DomainError';
  }
}
