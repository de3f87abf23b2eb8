/** National status codes 1–10 (spec §6.1), synced to the National Public Service Portal. */
import type { ClockState, DossierStateName, NationalStatusCode } from './types.js';

export const nationalStatusNames: Record<NationalStatusCode, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

interface StateInfo {
  statusCode: NationalStatusCode | null;
  /** Clock while in the state; waits whose effect depends on settings are resolved in the effects. */
  clock: ClockState;
  terminal: boolean;
  /** Pre-reception states are not counted by the index. */
  preReception: boolean;
  label: string;
}

/**
 * Mapping as data. GUIDED_TO_OTHER_BODY and CANCELLED have no code in the spec: a dossier not taken in by
 * this office is "không được tiếp nhận" (3), and a pre-reception cancellation is the applicant's
 * withdrawal (7, the portal API's "cancelled"); neither is counted by the index.
 */
export const stateInfo: Record<DossierStateName, StateInfo> = {
  NONE: { statusCode: null, clock: 'NOT_STARTED', terminal: false, preReception: true, label: 'Chưa có hồ sơ' },
  SUBMITTED: { statusCode: 1, clock: 'NOT_STARTED', terminal: false, preReception: true, label: 'Mới đăng ký' },
  GUIDED_TO_COMPLETE: {
    statusCode: 1,
    clock: 'NOT_STARTED',
    terminal: false,
    preReception: true,
    label: 'Đã hướng dẫn bổ sung, hoàn thiện',
  },
  GUIDED_TO_OTHER_BODY: {
    statusCode: 3,
    clock: 'NOT_STARTED',
    terminal: true,
    preReception: true,
    label: 'Đã hướng dẫn đến cơ quan có thẩm quyền',
  },
  CANCELLED: {
    statusCode: 7,
    clock: 'NOT_STARTED',
    terminal: true,
    preReception: true,
    label: 'Đã hủy trước khi tiếp nhận',
  },
  REJECTED_AT_RECEPTION: {
    statusCode: 3,
    clock: 'NOT_STARTED',
    terminal: true,
    preReception: true,
    label: 'Từ chối tiếp nhận',
  },
  RECEIVED: { statusCode: 2, clock: 'RUNNING', terminal: false, preReception: false, label: 'Đã tiếp nhận' },
  ASSIGNED: { statusCode: 4, clock: 'RUNNING', terminal: false, preReception: false, label: 'Đã phân công' },
  IN_STEP: { statusCode: 4, clock: 'RUNNING', terminal: false, preReception: false, label: 'Đang xử lý' },
  HANDED_OFF: { statusCode: 4, clock: 'RUNNING', terminal: false, preReception: false, label: 'Đã chuyển bước' },
  SENT_BACK: { statusCode: 4, clock: 'RUNNING', terminal: false, preReception: false, label: 'Đã trả lại bước trước' },
  COORDINATING: { statusCode: 4, clock: 'RUNNING', terminal: false, preReception: false, label: 'Đang liên thông' },
  AWAITING_PAYMENT: {
    statusCode: 6,
    clock: 'RUNNING',
    terminal: false,
    preReception: false,
    label: 'Chờ thực hiện nghĩa vụ tài chính',
  },
  AWAITING_SUPPLEMENT: {
    statusCode: 5,
    clock: 'PAUSED',
    terminal: false,
    preReception: false,
    label: 'Chờ bổ sung hồ sơ',
  },
  SUPPLEMENT_SUBMITTED: {
    statusCode: 5,
    clock: 'PAUSED',
    terminal: false,
    preReception: false,
    label: 'Đã bổ sung – chờ tiếp nhận',
  },
  RESOLVED: { statusCode: 9, clock: 'STOPPED', terminal: false, preReception: false, label: 'Đã xử lý xong' },
  DELIVERED: { statusCode: 10, clock: 'STOPPED', terminal: true, preReception: false, label: 'Đã trả kết quả' },
  WITHDRAWAL_REQUESTED: {
    statusCode: 7,
    clock: 'STOPPED',
    terminal: false,
    preReception: false,
    label: 'Công dân yêu cầu rút hồ sơ',
  },
  STOPPED: { statusCode: 8, clock: 'STOPPED', terminal: true, preReception: false, label: 'Dừng xử lý' },
};

export function statusCodeOf(state: DossierStateName): NationalStatusCode | null {
  return stateInfo[state].statusCode;
}

/** Processing sub-states, all status 4; the internal process graph (catalogue) decides which step is next. */
export const processingStates = [
  'ASSIGNED',
  'IN_STEP',
  'HANDED_OFF',
  'SENT_BACK',
] as const satisfies readonly DossierStateName[];

/** States after reception in which the dossier can still move (withdrawal, stop, apology apply here). */
export const activeStates = [
  'RECEIVED',
  ...processingStates,
  'COORDINATING',
  'AWAITING_PAYMENT',
  'AWAITING_SUPPLEMENT',
  'SUPPLEMENT_SUBMITTED',
] as const satisfies readonly DossierStateName[];
