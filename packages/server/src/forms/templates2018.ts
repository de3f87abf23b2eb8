/**
 * The 2018 set: Circular 01/2018/TT-VPCP, appendix (spec §13.1; names confirmed, field lists (likely)).
 * Used for dossiers of the OSS_2018 regime (received 21/06/2018 – 30/06/2025).
 */
import type { BodyItem, DocumentSpec } from './spec';

const common = {
  regime: '2018',
  version: '1',
  effectiveFrom: '2019-01-06',
  legalBasis: 'Thông tư số 01/2018/TT-VPCP',
  orientation: 'portrait',
} as const;

const contact: BodyItem[] = [
  { type: 'field', key: 'applicantAddress', label: 'Địa chỉ' },
  {
    type: 'fields',
    items: [
      { key: 'applicantPhone', label: 'Số điện thoại' },
      { key: 'applicantEmail', label: 'Email' },
    ],
  },
];

export const receiptSlip2018: DocumentSpec = {
  ...common,
  id: 'oss2018.receiptSlip',
  form: 'RECEIPT_SLIP',
  formNumber: 'Mẫu số 01',
  name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  numberSuffix: 'TNHS',
  dateKey: 'receivedAt',
  title: ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
  body: [
    { type: 'code', label: 'Mã hồ sơ', qr: true, caption: 'Tra cứu tình trạng hồ sơ' },
    { type: 'text', text: '{receivingOffice}' },
    { type: 'field', key: 'applicantName', label: 'Tiếp nhận hồ sơ của' },
    { type: 'field', key: 'applicantIdNumber', label: 'Số CMND/CCCD/Định danh cá nhân', optional: true },
    ...contact,
    { type: 'field', key: 'requestContent', label: 'Nội dung yêu cầu giải quyết' },
    { type: 'text', text: '1. Thành phần hồ sơ nộp gồm:' },
    {
      type: 'papersTable',
      headers: ['STT', 'Tên loại giấy tờ', 'Hình thức (Bản chính, bản sao hoặc bản chụp)', 'Số lượng'],
    },
    { type: 'field', key: 'setCountText', label: '2. Số lượng hồ sơ' },
    { type: 'field', key: 'legalTime', label: '3. Thời gian giải quyết hồ sơ theo quy định là' },
    { type: 'field', key: 'receivedAt', label: '4. Thời gian nhận hồ sơ' },
    { type: 'field', key: 'dueAt', label: '5. Thời gian trả kết quả giải quyết hồ sơ' },
    { type: 'field', key: 'resultPlace', label: '6. Đăng ký nhận kết quả tại' },
    { type: 'field', key: 'fees', label: '7. Phí, lệ phí', optional: true },
    {
      type: 'text',
      text: 'Vào Sổ theo dõi hồ sơ, Quyển số: {trackingBookVolume}, Số thứ tự: {trackingBookEntry}',
      italic: true,
    },
  ],
  signatures: [
    { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', nameKey: 'applicantName' },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', nameKey: 'receivedByName' },
  ],
  filenamePrefix: 'phieu-tiep-nhan',
};

export const supplementRequest2018: DocumentSpec = {
  ...common,
  id: 'oss2018.supplementRequestSlip',
  form: 'SUPPLEMENT_REQUEST_SLIP',
  formNumber: 'Mẫu số 02',
  name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  numberSuffix: 'HDHS',
  dateKey: 'supplementAt',
  title: ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
  subtitle: [{ text: 'Mã hồ sơ: {dossierCode}', bold: true }],
  body: [
    { type: 'field', key: 'applicantName', label: 'Hồ sơ của' },
    { type: 'field', key: 'requestContent', label: 'Nội dung yêu cầu giải quyết' },
    ...contact,
    { type: 'text', text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:' },
    { type: 'list', key: 'supplementItems' },
    { type: 'field', key: 'supplementReason', label: 'Lý do' },
    {
      type: 'text',
      text: 'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông (bà) liên hệ với {contactName}, số điện thoại {contactPhone} để được hướng dẫn.',
      align: 'justify',
    },
  ],
  signatures: [{ title: 'NGƯỜI HƯỚNG DẪN', hint: '(Ký và ghi rõ họ tên)', nameKey: 'guideName' }],
  filenamePrefix: 'phieu-yeu-cau-bo-sung',
};

export const receptionRefusal2018: DocumentSpec = {
  ...common,
  id: 'oss2018.receptionRefusalSlip',
  form: 'RECEPTION_REFUSAL_SLIP',
  formNumber: 'Mẫu số 03',
  name: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  numberSuffix: 'TCHS',
  dateKey: 'refusalAt',
  title: ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
  body: [
    { type: 'text', text: '{receivingOffice}' },
    { type: 'field', key: 'applicantName', label: 'Tiếp nhận hồ sơ của' },
    ...contact,
    { type: 'field', key: 'requestContent', label: 'Nội dung yêu cầu giải quyết' },
    {
      type: 'text',
      text: 'Qua xem xét, {receivingOffice} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      align: 'justify',
    },
    { type: 'list', key: 'refusalReasons' },
    { type: 'text', text: 'Xin thông báo cho Ông/Bà được biết và thực hiện./.' },
  ],
  signatures: [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', nameKey: 'refusalByName' }],
  filenamePrefix: 'phieu-tu-choi',
};

export const apology2018: DocumentSpec = {
  ...common,
  id: 'oss2018.apologySlip',
  form: 'APOLOGY_LETTER',
  formNumber: 'Mẫu số 04',
  name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  numberSuffix: 'PXL',
  numberKey: 'apologyNumber',
  dateKey: 'apologyAt',
  title: ['PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'],
  body: [
    { type: 'text', text: 'Kính gửi: {applicantName}', align: 'center', bold: true },
    {
      type: 'text',
      text: 'Ngày {receivedDate}, {unitName} tiếp nhận giải quyết hồ sơ của Ông/Bà/Tổ chức {applicantName}.',
      align: 'justify',
    },
    { type: 'field', key: 'requestContent', label: 'Nội dung yêu cầu giải quyết' },
    { type: 'field', key: 'dossierCode', label: 'Mã số hồ sơ' },
    { type: 'field', key: 'apologyPreviousDue', label: 'Ngày hẹn trả kết quả giải quyết hồ sơ' },
    {
      type: 'text',
      text: 'Tuy nhiên đến nay, {unitName} chưa trả kết quả giải quyết hồ sơ của Ông/Bà/Tổ chức.',
      align: 'justify',
    },
    { type: 'field', key: 'apologyReason', label: 'Lý do' },
    {
      type: 'text',
      text: 'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà/Tổ chức. {unitName} xin lỗi Ông/Bà/Tổ chức và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà/Tổ chức vào {apologyNewDue}.',
      align: 'justify',
    },
    { type: 'text', text: 'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà/Tổ chức./.' },
  ],
  signatures: [
    { title: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', hint: '(Ký, ghi rõ họ tên và đóng dấu)', nameKey: 'apologySigner' },
  ],
  filenamePrefix: 'phieu-xin-loi',
};

export const SET_2018 = [receiptSlip2018, supplementRequest2018, receptionRefusal2018, apology2018] as const;
