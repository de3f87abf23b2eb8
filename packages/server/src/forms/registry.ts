/**
 * Every template of both sets, the URL names of the forms and when a form applies to a dossier. The set is
 * the dossier's regime (state_json.regime: OSS_2018 → 2018, OSS_2025 → 2025); a dossier with no regime yet
 * (refused or guided before reception) takes the regime in force at that action.
 */
import { regimeFor, type RegimeId } from '@motcua/domain/dossier/index';
import type { FormData, TrackingBookData } from './formData';
import type { FormId, FormSet, FormTemplate } from './model';
import { templateOf } from './spec';
import { SET_2018 } from './templates2018';
import { SET_2025 } from './templates2025';
import { controlSheet2018, controlSheet2025, controlSheetTemplate } from './controlSheet';
import { trackingBook2018, trackingBook2025, trackingBookTemplate } from './trackingBook';

export const DOSSIER_FORM_TEMPLATES: readonly FormTemplate<FormData>[] = [
  ...SET_2018.map(templateOf),
  controlSheetTemplate(controlSheet2018),
  ...SET_2025.map(templateOf),
  controlSheetTemplate(controlSheet2025),
];

export const TRACKING_BOOK_TEMPLATES: readonly FormTemplate<TrackingBookData>[] = [
  trackingBookTemplate(trackingBook2018),
  trackingBookTemplate(trackingBook2025),
];

/** The forms of one dossier, by their URL name. */
export const formSlugs = {
  'receipt-slip': 'RECEIPT_SLIP',
  'supplement-request': 'SUPPLEMENT_REQUEST_SLIP',
  'reception-refusal': 'RECEPTION_REFUSAL_SLIP',
  'apology-letter': 'APOLOGY_LETTER',
  'stop-notice': 'STOP_NOTICE',
  'process-control-sheet': 'PROCESS_CONTROL_SHEET',
} as const satisfies Record<string, FormId>;
export type FormSlug = keyof typeof formSlugs;

export const formSetOfRegime = (r: RegimeId): FormSet => (r === 'OSS_2018' ? '2018' : '2025');

export function formSetOf(d: FormData): FormSet {
  if (d.dossier.regime) return formSetOfRegime(d.dossier.regime);
  const at = d.refusal?.at ?? d.supplement?.at ?? d.dossier.submittedAt ?? Date.now();
  return formSetOfRegime(regimeFor(at)?.id ?? 'OSS_2025');
}

export function templateFor<D>(
  templates: readonly FormTemplate<D>[],
  form: FormId,
  set: FormSet,
): FormTemplate<D> | undefined {
  return templates.find((t) => t.form === form && t.regime === set);
}

/** Why a form does not apply to the dossier, in Vietnamese; null when it applies. */
export function notApplicableReason(form: FormId, d: FormData, set: FormSet): string | null {
  switch (form) {
    case 'RECEIPT_SLIP':
      return d.dossier.receivedAt !== null && d.dossier.code
        ? null
        : 'Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả.';
    case 'SUPPLEMENT_REQUEST_SLIP':
      return d.supplement ? null : 'Hồ sơ không có yêu cầu bổ sung, hoàn thiện.';
    case 'RECEPTION_REFUSAL_SLIP':
      return d.refusal ? null : 'Hồ sơ không bị từ chối tiếp nhận.';
    case 'APOLOGY_LETTER':
      return d.apology ? null : 'Hồ sơ chưa có văn bản xin lỗi, hẹn lại ngày trả kết quả.';
    case 'STOP_NOTICE':
      if (set !== '2025')
        return 'Thông báo dừng giải quyết hồ sơ (Mẫu 05) chỉ có trong bộ biểu mẫu Thông tư 03/2025/TT-VPCP; hồ sơ này theo Thông tư 01/2018/TT-VPCP.';
      return d.stop ? null : 'Hồ sơ không bị dừng giải quyết.';
    case 'PROCESS_CONTROL_SHEET':
      return d.dossier.receivedAt !== null ? null : 'Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát.';
    case 'TRACKING_BOOK':
      return 'Sổ theo dõi hồ sơ lập theo đơn vị, không theo từng hồ sơ.';
  }
}
