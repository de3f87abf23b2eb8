/**
 * The 2025 set: Circular 03/2025/TT-VPCP, Appendix I (spec §13.2; names and numbering confirmed by Hanoi
 * decisions, fields from a ministry's reproduction (likely), Mẫu 05 layout (unconfirmed — keep configurable)).
 * Own templates, not the 2018 forms renamed: identification numbers, the proxy, e-mail as "thư điện tử",
 * digital signatures, the date-only new appointment of Mẫu 04 and the new Mẫu 05 stop notice.
 * Used for dossiers of the OSS_2025 regime (received from 01/07/2025).
 */
import type { BodyItem, DocumentSpec } from './spec';

const common = {
  regime: '2025',
  version: '1',
  // The date from which the 2025 forms must be used is unconfirmed (spec §1.1): the regime's start for now.
  effectiveFrom: '2025-07-01',
  legalBasis: 'Thông tư số 03/2025/TT-VPCP',
  orientation: 'portrait',
} as const;

const digitalSignatureHint = '(Ký, ghi rõ họ tên hoặc ký số)';

const identification: BodyItem[] = [
  {
    type: 'field',
    key: 'applicantIdNumber',
    label: 'Số định danh cá nhân/Mã số định danh của tổ chức',
  },
  { type: 'field', key: 'applicantAddress', label: 'Địa chỉ' },
  {
    type: 'fields',
    items: [
      { key: 'applicantPhone', label: 'Số điện thoại' },
      { key: 'applicantEmail', label: 'Thư điện tử' },
    ],
  },
];

const proxy: BodyItem = {
  type: 'when',
  key: 'proxyName',
  items: [
    { type: 'text', text: 'Người được ủy quyền nộp hồ sơ:', italic: true },
    { type: 'field', key: 'proxyName', label: 'Họ và tên' },
    { type: 'field', key: 'proxyIdNumber', label: 'Số định danh cá nhân' },
    { type: 'field', key: 'proxyAddress', label: 'Địa chỉ' },
    {
      type: 'fields',
      items: [
        { key: 'proxyPhone', label: 'Số điện thoại' },
        { key: 'proxyEmail', label: 'Thư điện tử' },
      ],
    },
    { type: 'field', key: 'proxyAuthorisation', label: 'Giấy ủy quyền' },
  ],
};

export const receiptSlip2025: DocumentSpec = {
  ...common,
  id: 'oss2025.receiptSlip',
  form: 'RECEIPT_SLIP',
  formNumber: 'Mẫu số 01',
  name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  numberSuffix: 'TNHS-{office}',
  dateKey: 'receivedAt',
  title: ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
  body: [
    { type: 'code', label: 'Mã hồ sơ', qr: true, caption: 'Tra cứu tình trạng hồ sơ' },
    { type: 'text', text: '{receivingOffice} tiếp nhận hồ sơ của:' },
    { type: 'field', key: 'applicantName', label: 'Ông/Bà/Tổ chức' },
    ...identification,
    proxy,
    { type: 'field', key: 'requestContent', label: 'Nội dung yêu cầu giải quyết' },
    { type: 'text', text: '1. Thành phần hồ sơ nộp gồm:' },
    { type: 'list', key: 'papers' },
    { type: 'field', key: 'setCountText', label: '2. Số lượng hồ sơ' },
    { type: 'field', key: 'legalTime', label: '3. Thời hạn giải quyết hồ sơ theo quy định' },
    { type: 'field', key: 'receivedAt', label: '4. Thời gian tiếp nhận hồ sơ' },
    { type: 'field', key: 'dueAt', label: '5. Thời gian trả kết quả giải quyết hồ sơ' },
    { type: 'field', key: 'resultPlace', label: '6. Nơi trả kết quả' },
    { type: 'field', key: 'fees', label: '7. Phí, lệ phí', optional: true },
    {
      type: 'text',
      text: 'Vào Sổ theo dõi hồ sơ (nếu có): Quyển số {trackingBookVolume}, Số thứ tự {trackingBookEntry}',
      italic: true,
    },
  ],
  signatures: [
    { title: 'NGƯỜI NỘP HỒ SƠ', hint: digitalSignatureHint, nameKey: 'applicantName' },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: digitalSignatureHint, nameKey: 'receivedByName' },
  ],
  filenamePrefix: 'phieu-tiep-nhan',
};

export const supplementRequest2025: DocumentSpec = {
  ...common,
  id: 'oss2025.supplementRequestSlip',
  form: 'SUPPLEMENT_REQUEST_SLIP',
  formNumber: 'Mẫu số 02',
  name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  numberSuffix: 'PBS-{office}',
  dateKey: 'supplementAt',
  title: ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
  subtitle: [{ text: 'Mã hồ sơ: {dossierCode}', bold: true }],
  body: [
    { type: 'field', key: 'applicantName', label: 'Hồ sơ của' },
    ...identification,
    { type: 'field', key: 'requestContent', label: 'Nội dung yêu cầu giải quyết' },
    { type: 'field', key: 'receivedAt', label: 'Thời gian tiếp nhận hồ sơ', optional: true },
    { type: 'text', text: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:' },
    { type: 'list', key: 'supplementItems' },
    { type: 'field', key: 'supplementReason', label: 'Lý do' },
    {
      type: 'when',
      key: 'supplementRestartNote',
      items: [{ type: 'text', text: '{supplementRestartNote}', italic: true }],
    },
    {
      type: 'text',
      text: 'Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà/Tổ chức liên hệ với {contactName}, số điện thoại {contactPhone} để được hướng dẫn.',
      align: 'justify',
    },
  ],
  signatures: [{ title: 'NGƯỜI HƯỚNG DẪN', hint: digitalSignatureHint, nameKey: 'guideName' }],
  filenamePrefix: 'phieu-yeu-cau-bo-sung',
};

export const receptionRefusal2025: DocumentSpec = {
  ...common,
  id: 'oss2025.receptionRefusalSlip',
  form: 'RECEPTION_REFUSAL_SLIP',
  formNumber: 'Mẫu số 03',
  name: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  numberSuffix: 'TCHS-{office}',
  dateKey: 'refusalAt',
  title: ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
  subtitle: [{ text: 'Mã hồ sơ (nếu có): {dossierCode}', bold: true }],
  body: [
    { type: 'text', text: '{receivingOffice} tiếp nhận hồ sơ của:' },
    { type: 'field', key: 'applicantName', label: 'Ông/Bà/Tổ chức' },
    ...identification,
    { type: 'field', key: 'requestContent', label: 'Nội dung yêu cầu giải quyết' },
    {
      type: 'text',
      text: 'Qua xem xét, {receivingOffice} thông báo không tiếp nhận, giải quyết hồ sơ với lý do cụ thể như sau:',
      align: 'justify',
    },
    { type: 'list', key: 'refusalReasons' },
    { type: 'text', text: 'Xin thông báo để Ông/Bà/Tổ chức được biết./.' },
  ],
  signatures: [
    { title: 'NGƯỜI NỘP HỒ SƠ', hint: digitalSignatureHint, nameKey: 'applicantName' },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: digitalSignatureHint, nameKey: 'refusalByName' },
  ],
  filenamePrefix: 'phieu-tu-choi',
};

export const apology2025: DocumentSpec = {
  ...common,
  id: 'oss2025.apologyAndExtensionLetter',
  form: 'APOLOGY_LETTER',
  formNumber: 'Mẫu số 04',
  name: 'Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết',
  numberSuffix: 'PXL',
  numberKey: 'apologyNumber',
  dateKey: 'apologyAt',
  title: ['PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN', 'THỜI GIAN GIẢI QUYẾT'],
  body: [
    { type: 'text', text: 'Kính gửi: {applicantName}', align: 'center', bold: true },
    {
      type: 'text',
      text: 'Ngày {receivedDate}, {receivingOffice} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính “{procedureName}” của Ông/Bà/Tổ chức {applicantName}, số định danh {applicantIdNumber}.',
      align: 'justify',
    },
    { type: 'field', key: 'dossierCode', label: 'Mã hồ sơ' },
    {
      type: 'field',
      key: 'apologyPreviousDue',
      label: 'Thời gian hẹn trả kết quả trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    },
    {
      type: 'text',
      text: 'Tuy nhiên đến nay, hồ sơ của Ông/Bà/Tổ chức chưa được giải quyết, trả kết quả đúng thời hạn.',
      align: 'justify',
    },
    { type: 'field', key: 'apologyReason', label: 'Lý do' },
    {
      type: 'text',
      text: '{unitName} xin lỗi Ông/Bà/Tổ chức và đề nghị gia hạn thời gian giải quyết hồ sơ; thời gian trả kết quả giải quyết hồ sơ là ngày {apologyNewDueDate}.',
      align: 'justify',
    },
    { type: 'text', text: 'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà/Tổ chức./.' },
  ],
  signatures: [
    {
      title: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ',
      hint: '(Ký, ghi rõ họ tên, đóng dấu hoặc ký số)',
      nameKey: 'apologySigner',
    },
  ],
  filenamePrefix: 'phieu-xin-loi',
};

/**
 * Mẫu 05 is new in 2025 and its layout is unconfirmed (spec §13.2): the fields follow the spec's list
 * (the stop request, the stage reached, the decision, the financial settlement) and are data to adjust.
 */
export const stopNotice2025: DocumentSpec = {
  ...common,
  id: 'oss2025.stopNotice',
  form: 'STOP_NOTICE',
  formNumber: 'Mẫu số 05',
  name: 'Thông báo dừng giải quyết hồ sơ',
  numberSuffix: 'TBD-{office}',
  numberKey: 'stopNumber',
  dateKey: 'stopAt',
  title: ['THÔNG BÁO', 'DỪNG GIẢI QUYẾT HỒ SƠ'],
  subtitle: [{ text: 'Mã hồ sơ: {dossierCode}', bold: true }],
  body: [
    { type: 'text', text: 'Kính gửi: {applicantName}', align: 'center', bold: true },
    { type: 'field', key: 'procedureName', label: 'Thủ tục hành chính' },
    { type: 'field', key: 'receivedAt', label: 'Thời gian tiếp nhận hồ sơ' },
    { type: 'field', key: 'stopRequest', label: '1. Yêu cầu dừng giải quyết hồ sơ' },
    { type: 'field', key: 'stopStage', label: '2. Giai đoạn giải quyết hồ sơ' },
    { type: 'field', key: 'stopDecision', label: '3. Quyết định' },
    { type: 'field', key: 'stopReason', label: 'Lý do' },
    { type: 'field', key: 'stopLegalGround', label: 'Căn cứ', optional: true },
    { type: 'field', key: 'stopFees', label: '4. Phí, lệ phí' },
    { type: 'text', text: 'Xin thông báo để Ông/Bà/Tổ chức được biết./.' },
  ],
  signatures: [{ title: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', hint: digitalSignatureHint, nameKey: 'stopByName' }],
  filenamePrefix: 'thong-bao-dung',
};

export const SET_2025 = [
  receiptSlip2025,
  supplementRequest2025,
  receptionRefusal2025,
  apology2025,
  stopNotice2025,
] as const;
