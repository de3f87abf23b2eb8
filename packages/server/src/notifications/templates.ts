/**
 * Vietnamese notification templates (spec one-stop-dossiers §15), kept as data: one entry per topic and
 * version, with a subject, a plain-text body (e-mail, in-app) and a short text (SMS, Zalo). Merge fields are
 * `{{name}}`; a line holding a field that is empty is left out, and `{{#name}}…{{/name}}` keeps a block only
 * when the field is not empty. The newest version of a topic applies; the outbox row records which one.
 * Per-unit overrides (spec: "templates are per unit and per event") are not built yet: templateFor() takes
 * the unit so a later table of overrides slots in there.
 */
import { formatVnDate, formatVnDateTime } from '@motcua/domain/calendar/index';
import type { DossierState, NotificationTopic } from '@motcua/domain/dossier/index';

/** The dossier topics plus the daily early-warning digest. */
export type TemplateTopic = NotificationTopic | 'DAILY_DIGEST';
export type Audience = 'APPLICANT' | 'INTERNAL';

export interface NotificationTemplate {
  topic: TemplateTopic;
  version: number;
  audience: Audience;
  subject: string;
  body: string;
  short: string;
}

const applicantFooter = `
--
Thư này được gửi tự động từ hệ thống một cửa điện tử của {{unitName}}. Vui lòng không trả lời thư này; mọi thắc mắc xin liên hệ Bộ phận Một cửa.`;

const internalFooter = `
--
Thư tự động của hệ thống một cửa điện tử.`;

/** Every template, oldest version first. Keep the text NFC (a test checks it). */
export const NOTIFICATION_TEMPLATES: readonly NotificationTemplate[] = [
  {
    topic: 'SUBMITTED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Đã nhận hồ sơ nộp trực tuyến: {{procedureName}}',
    body: `Kính gửi {{recipientName}},

{{unitName}} đã nhận hồ sơ nộp trực tuyến của ông/bà.
Thủ tục: {{procedureName}} ({{procedureCode}})
Người yêu cầu: {{applicantName}}
Mã tham chiếu: {{reference}}
Thời điểm nộp: {{submittedAt}}

Bộ phận Một cửa sẽ kiểm tra hồ sơ và thông báo cho ông/bà: tiếp nhận hồ sơ (kèm mã hồ sơ và ngày hẹn trả kết quả), hoặc hướng dẫn bổ sung, hoàn thiện nếu hồ sơ chưa đầy đủ.
${applicantFooter}`,
    short:
      'Đã nhận hồ sơ trực tuyến "{{procedureName}}", mã tham chiếu {{reference}}. Bộ phận Một cửa sẽ thông báo kết quả kiểm tra.',
  },
  {
    topic: 'RECEIVED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Hồ sơ {{code}} đã được tiếp nhận – hẹn trả kết quả {{appointment}}',
    body: `Kính gửi {{recipientName}},

Bộ phận Một cửa {{unitName}} đã tiếp nhận hồ sơ của ông/bà.
Mã hồ sơ: {{code}}
Thủ tục: {{procedureName}} ({{procedureCode}})
Người yêu cầu: {{applicantName}}
Thời điểm tiếp nhận: {{receivedAt}}
Ngày hẹn trả kết quả: {{appointment}}

Tra cứu tình trạng hồ sơ: {{lookupUrl}}
(nhập mã hồ sơ và 4 số cuối của số điện thoại hoặc số định danh cá nhân)

Khi đến nhận kết quả, ông/bà vui lòng mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
${applicantFooter}`,
    short: 'Hồ sơ {{code}} đã được tiếp nhận. Hẹn trả kết quả: {{appointment}}. Tra cứu: {{lookupUrl}}',
  },
  {
    topic: 'GUIDED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Hướng dẫn về hồ sơ {{procedureName}}',
    body: `Kính gửi {{recipientName}},

Bộ phận Một cửa {{unitName}} đã kiểm tra hồ sơ "{{procedureName}}" của ông/bà (mã tham chiếu {{reference}}).
{{guidance}}
{{items}}
Lý do: {{reason}}

Sau khi hoàn thiện, ông/bà nộp lại hồ sơ tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công.
${applicantFooter}`,
    short:
      'Hồ sơ "{{procedureName}}" (mã tham chiếu {{reference}}): {{guidanceShort}}. Chi tiết xem tại Bộ phận Một cửa.',
  },
  {
    topic: 'REFUSED_AT_RECEPTION',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Thông báo từ chối tiếp nhận hồ sơ {{procedureName}}',
    body: `Kính gửi {{recipientName}},

Bộ phận Một cửa {{unitName}} không tiếp nhận hồ sơ "{{procedureName}}" (mã tham chiếu {{reference}}) vì các lý do sau:
{{reasons}}

Ông/bà có thể liên hệ Bộ phận Một cửa để được giải thích, hướng dẫn thêm.
${applicantFooter}`,
    short: 'Hồ sơ "{{procedureName}}" không được tiếp nhận. Lý do: {{reasonsInline}}',
  },
  {
    topic: 'SUPPLEMENT_REQUESTED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Hồ sơ {{code}}: yêu cầu bổ sung, hoàn thiện hồ sơ',
    body: `Kính gửi {{recipientName}},

Cơ quan giải quyết đề nghị ông/bà bổ sung, hoàn thiện hồ sơ {{code}} ({{procedureName}}).
Nội dung cần bổ sung:
{{items}}
Lý do: {{reason}}
{{clockNote}}

Ông/bà nộp phần bổ sung tại Bộ phận Một cửa {{unitName}} hoặc trực tuyến trên Cổng Dịch vụ công.
Tra cứu hồ sơ: {{lookupUrl}}
${applicantFooter}`,
    short: 'Hồ sơ {{code}} cần bổ sung: {{itemsInline}}. Lý do: {{reason}}. Tra cứu: {{lookupUrl}}',
  },
  {
    topic: 'SUPPLEMENT_ACCEPTED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Hồ sơ {{code}}: đã nhận đủ hồ sơ bổ sung',
    body: `Kính gửi {{recipientName}},

Bộ phận Một cửa {{unitName}} đã nhận đủ phần bổ sung của hồ sơ {{code}} ({{procedureName}}); hồ sơ tiếp tục được giải quyết.
Ngày hẹn trả kết quả: {{appointment}}

Tra cứu hồ sơ: {{lookupUrl}}
${applicantFooter}`,
    short: 'Hồ sơ {{code}} đã được bổ sung đầy đủ. Hẹn trả kết quả: {{appointment}}.',
  },
  {
    topic: 'PAYMENT_REQUESTED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Hồ sơ {{code}}: thông báo nộp phí, lệ phí',
    body: `Kính gửi {{recipientName}},

Để tiếp tục giải quyết hồ sơ {{code}} ({{procedureName}}), ông/bà vui lòng nộp các khoản sau:
{{feeLines}}
Tổng cộng: {{total}}

Ông/bà có thể thanh toán trực tuyến trên Cổng Dịch vụ công hoặc nộp tại Bộ phận Một cửa {{unitName}}.
Tra cứu hồ sơ: {{lookupUrl}}
${applicantFooter}`,
    short: 'Hồ sơ {{code}}: đề nghị nộp {{total}} ({{feeInline}}). Tra cứu: {{lookupUrl}}',
  },
  {
    topic: 'RESCHEDULED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{code}}',
    body: `Kính gửi {{recipientName}},

{{unitName}} chân thành xin lỗi ông/bà vì hồ sơ {{code}} ({{procedureName}}) chưa thể trả kết quả đúng hẹn.
Lý do: {{reason}}
Ngày hẹn trả kết quả trước đây: {{oldDate}}
Ngày hẹn trả kết quả mới: {{newDate}}
Văn bản xin lỗi số: {{letterNumber}}
Người ký: {{signerName}}

Rất mong ông/bà thông cảm. Tra cứu hồ sơ: {{lookupUrl}}
${applicantFooter}`,
    short: 'Xin lỗi ông/bà: hồ sơ {{code}} chậm trả kết quả ({{reason}}). Hẹn lại từ {{oldDate}} sang {{newDate}}.',
  },
  {
    topic: 'RESULT_READY',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Hồ sơ {{code}} đã có kết quả giải quyết',
    body: `Kính gửi {{recipientName}},

Hồ sơ {{code}} ({{procedureName}}) đã có kết quả giải quyết.
Kết quả: {{outcome}}
Số văn bản: {{resultNumber}}
Kết quả điện tử: {{resultUrl}}
Ngày hẹn trả kết quả: {{appointment}}

Ông/bà nhận kết quả tại Bộ phận Một cửa {{unitName}} hoặc theo hình thức đã đăng ký. Khi đến nhận, vui lòng mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả; người nhận thay cần có giấy ủy quyền theo quy định.
Tra cứu hồ sơ: {{lookupUrl}}
${applicantFooter}`,
    short: 'Hồ sơ {{code}} đã có kết quả. Mời ông/bà nhận tại Bộ phận Một cửa {{unitName}}. Tra cứu: {{lookupUrl}}',
  },
  {
    topic: 'DELIVERED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Hồ sơ {{code}} đã trả kết quả – mời ông/bà đánh giá mức độ hài lòng',
    body: `Kính gửi {{recipientName}},

Kết quả hồ sơ {{code}} ({{procedureName}}) đã được trả vào {{deliveredAt}} ({{deliveryMethod}}).

Mời ông/bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ (Rất hài lòng / Hài lòng / Không hài lòng):
{{ratingUrl}}

Ý kiến của ông/bà giúp {{unitName}} nâng cao chất lượng phục vụ. Xin cảm ơn!
${applicantFooter}`,
    short: 'Hồ sơ {{code}} đã trả kết quả. Mời ông/bà đánh giá mức độ hài lòng: {{ratingUrl}}',
  },
  {
    topic: 'STOPPED',
    version: 1,
    audience: 'APPLICANT',
    subject: 'Thông báo dừng giải quyết hồ sơ {{code}}',
    body: `Kính gửi {{recipientName}},

{{unitName}} thông báo dừng giải quyết hồ sơ {{code}} ({{procedureName}}){{causeText}}.
Lý do: {{reason}}
Căn cứ: {{legalGround}}
Thông báo số: {{stopNoticeNumber}}

Ông/bà có thể liên hệ Bộ phận Một cửa để nhận lại hồ sơ và được hướng dẫn thêm.
${applicantFooter}`,
    short: 'Hồ sơ {{code}} đã dừng giải quyết. Lý do: {{reason}}. Liên hệ Bộ phận Một cửa {{unitName}}.',
  },
  {
    topic: 'STEP_ASSIGNED',
    version: 1,
    audience: 'INTERNAL',
    subject: '[Một cửa] Được giao xử lý hồ sơ {{code}}',
    body: `Kính gửi đồng chí {{recipientName}},

Đồng chí được giao xử lý hồ sơ {{code}} ({{procedureName}}).
Bước: {{stepName}}
Hạn xử lý của bước: {{stepDueAt}}
Hạn trả kết quả hồ sơ: {{appointment}}
Người yêu cầu: {{applicantName}}

Xem hồ sơ: {{officerUrl}}
${internalFooter}`,
    short: 'Được giao xử lý hồ sơ {{code}} ({{procedureName}}), bước "{{stepName}}", hạn {{stepDueAt}}.',
  },
  {
    topic: 'DAILY_DIGEST',
    version: 1,
    audience: 'INTERNAL',
    subject: '[Một cửa] Cảnh báo sớm ngày {{date}}: {{dueSoonCount}} hồ sơ sắp đến hạn, {{overdueCount}} hồ sơ quá hạn',
    body: `Kính gửi đồng chí {{recipientName}},

Các hồ sơ cần chú ý tính đến {{asOf}} (đến hạn trong {{withinHours}} giờ làm việc tới hoặc đã quá hạn):
{{#assignedList}}
Hồ sơ được giao cho đồng chí:
{{assignedList}}
{{/assignedList}}{{#ledList}}
Hồ sơ của đơn vị đồng chí phụ trách:
{{ledList}}
{{/ledList}}
Xem danh sách: {{listUrl}}
${internalFooter}`,
    short: 'Cảnh báo sớm {{date}}: {{dueSoonCount}} hồ sơ sắp đến hạn, {{overdueCount}} hồ sơ quá hạn.',
  },
].map((t) => ({
  ...t,
  subject: t.subject.normalize('NFC'),
  body: t.body.normalize('NFC'),
  short: t.short.normalize('NFC'),
})) as readonly NotificationTemplate[];

/** The template in force for a topic (newest version). `unitId` is where per-unit overrides will be looked up. */
export function templateFor(topic: TemplateTopic, _unitId?: string): NotificationTemplate {
  let found: NotificationTemplate | undefined;
  for (const t of NOTIFICATION_TEMPLATES) if (t.topic === topic && (!found || t.version > found.version)) found = t;
  if (!found) throw new Error(`no notification template for ${topic}`);
  return found;
}

export const templateId = (t: NotificationTemplate) => `${t.topic}@${t.version}`;

export type MergeFields = Record<string, string | null | undefined>;

const FIELD = /\{\{(\w+)\}\}/g;
const SECTION = /\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g;
const present = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Fills a template text. Lines with a missing field are dropped (so "Số văn bản: {{resultNumber}}" disappears
 * without a number), then runs of blank lines are collapsed. The result is NFC.
 */
export function renderText(text: string, fields: MergeFields): string {
  const withSections = text.replace(SECTION, (_m, name: string, inner: string) => (present(fields[name]) ? inner : ''));
  const lines: string[] = [];
  for (const line of withSections.split('\n')) {
    let missing = false;
    const filled = line.replace(FIELD, (_m, name: string) => {
      const v = fields[name];
      if (!present(v)) {
        missing = true;
        return '';
      }
      return v;
    });
    if (!missing) lines.push(filled.trimEnd());
  }
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .normalize('NFC');
}

/** A one-line text (subject, SMS): a missing field leaves the text as is without the value. */
function renderLine(text: string, fields: MergeFields): string {
  return text
    .replace(FIELD, (_m, name: string) => (present(fields[name]) ? fields[name]! : ''))
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:)])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .trim()
    .normalize('NFC');
}

export interface RenderedMessage {
  subject: string;
  body: string;
  short: string;
}

export function render(template: NotificationTemplate, fields: MergeFields): RenderedMessage {
  return {
    subject: renderLine(template.subject, fields),
    body: renderText(template.body, fields),
    short: renderLine(template.short, fields),
  };
}

// ---- formatting (Asia/Ho_Chi_Minh, vi-VN) ----

/** dd/MM/yyyy HH:mm in Vietnam time; a due instant (`asDue`) at 00:00 reads as 24:00 of the day before. */
export function formatDateTimeVN(ms: number | null | undefined, asDue = false): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : formatVnDateTime(ms, asDue);
}

/** dd/MM/yyyy in Vietnam time. */
export function formatDateVN(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : formatVnDate(ms);
}

const vnd = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
/** 1250000 → "1.250.000 đồng". */
export const formatMoneyVN = (amount: number) => `${vnd.format(amount)} đồng`;

const hoursFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
/** 4.5 → "4,5". */
export const formatHoursVN = (hours: number) => hoursFormat.format(hours);

const bullets = (items: readonly string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : null);
const inline = (items: readonly string[]) => (items.length ? items.join('; ') : null);

export interface DossierMergeInput {
  topic: TemplateTopic;
  dossierId: string;
  code: string | null;
  unitName: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  recipientName: string;
  state: DossierState;
  publicBase: string;
}

const deliveryMethods = { COUNTER: 'nhận tại Bộ phận Một cửa', POSTAL: 'qua dịch vụ bưu chính', ONLINE: 'trực tuyến' };
const stopCauses = {
  WITHDRAWAL: ' theo đề nghị rút hồ sơ của người yêu cầu',
  SUPPLEMENT_NOT_COMPLETED: ' do hồ sơ không được bổ sung, hoàn thiện trong thời hạn',
  LEGAL_GROUND: ' theo quy định của pháp luật',
};

export const lookupUrlOf = (publicBase: string, code: string) => `${publicBase}/tra-cuu?ma=${encodeURIComponent(code)}`;

/** The merge fields of a dossier notification, from the folded state after the action. */
export function dossierMergeFields(m: DossierMergeInput): MergeFields {
  const s = m.state;
  const code = m.code ?? s.dossierCode;
  const lookupUrl = code ? lookupUrlOf(m.publicBase, code) : null;
  const note = s.receptionNote;
  const supplement = s.supplement;
  const fees = s.payment?.feeLines ?? [];
  const step = [...s.steps].reverse().find((st) => st.endedAt === null) ?? s.steps.at(-1);
  const guidance =
    note?.kind === 'GUIDED_TO_OTHER_BODY'
      ? 'Hồ sơ không thuộc thẩm quyền giải quyết tại đây; đề nghị ông/bà nộp hồ sơ tại cơ quan có thẩm quyền.'
      : 'Hồ sơ cần được bổ sung, hoàn thiện các nội dung sau:';
  const items = m.topic === 'SUPPLEMENT_REQUESTED' ? (supplement?.items ?? []) : (note?.items ?? []);
  const reasonByTopic: Partial<Record<TemplateTopic, string | null>> = {
    GUIDED: inline(note?.reasons ?? []),
    REFUSED_AT_RECEPTION: inline(note?.reasons ?? []),
    SUPPLEMENT_REQUESTED: supplement?.reason ?? null,
    RESCHEDULED: s.apology?.reason ?? null,
    STOPPED: s.stop?.reason ?? null,
  };
  return {
    dossierId: m.dossierId,
    code,
    reference: code ?? m.dossierId.slice(0, 8).toUpperCase(),
    unitName: m.unitName,
    procedureCode: m.procedureCode,
    procedureName: m.procedureName,
    applicantName: m.applicantName,
    recipientName: m.recipientName,
    submittedAt: formatDateTimeVN(s.submittedAt),
    receivedAt: formatDateTimeVN(s.receivedAt),
    appointment: formatDateTimeVN(s.dueAt, true),
    lookupUrl,
    guidance: note ? guidance : null,
    guidanceShort: note
      ? note.kind === 'GUIDED_TO_OTHER_BODY'
        ? 'không thuộc thẩm quyền giải quyết tại đây, đề nghị nộp tại cơ quan có thẩm quyền'
        : `cần bổ sung, hoàn thiện: ${inline(note.items) ?? inline(note.reasons) ?? ''}`
      : null,
    items: bullets(items),
    itemsInline: inline(items),
    reason: reasonByTopic[m.topic] ?? null,
    reasons: bullets(note?.reasons ?? []),
    reasonsInline: inline(note?.reasons ?? []),
    clockNote: supplement
      ? supplement.mode === 'RESTART'
        ? 'Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ bổ sung.'
        : 'Thời gian chờ bổ sung không tính vào thời hạn giải quyết.'
      : null,
    feeLines: bullets(fees.map((f) => `${f.name}: ${formatMoneyVN(f.amount)}`)),
    feeInline: inline(fees.map((f) => `${f.name} ${formatMoneyVN(f.amount)}`)),
    total: fees.length ? formatMoneyVN(fees.reduce((a, f) => a + f.amount, 0)) : null,
    oldDate: formatDateTimeVN(s.apology?.previousDueAt, true),
    newDate: formatDateTimeVN(s.apology?.newDueAt, true),
    letterNumber: s.apology?.letterNumber ?? null,
    signerName: s.apology?.signerName ?? null,
    outcome: s.result
      ? s.result.outcome === 'APPROVED'
        ? 'Giải quyết theo đề nghị'
        : `Không giải quyết (có văn bản trả lời nêu rõ lý do${s.result.refusalReason ? `: ${s.result.refusalReason}` : ''})`
      : null,
    resultNumber: s.result?.resultNumber ?? null,
    resultUrl: s.result?.fileUrl ?? null,
    deliveredAt: formatDateTimeVN(s.deliveredAt),
    deliveryMethod: s.delivery ? deliveryMethods[s.delivery.method] : null,
    ratingUrl: code ? `${lookupUrl}&danh-gia=1` : null,
    causeText: s.stop ? stopCauses[s.stop.cause] : null,
    legalGround: s.stop?.legalGround ?? null,
    stopNoticeNumber: s.stop?.stopNoticeNumber ?? null,
    stepName: step ? (step.name ?? step.stepId) : null,
    stepDueAt: formatDateTimeVN(step?.stepDueAt, true),
    officerUrl: `${m.publicBase}/ho-so/${m.dossierId}`,
  };
}
