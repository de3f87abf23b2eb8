/**
 * Templates: every topic renders from a state decide() produced, in NFC Vietnamese, with no unfilled field;
 * the per-topic contents the spec asks for (§15); the channel table and its NOTIFY_CHANNELS overrides.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultWorkingCalendar } from '@motcua/domain/calendar/index';
import type { NotificationTopic } from '@motcua/domain/dossier/index';
import {
  NOTIFICATION_TEMPLATES,
  dossierMergeFields,
  formatDateTimeVN,
  formatMoneyVN,
  render,
  renderText,
  templateFor,
  type TemplateTopic,
} from '../../src/notifications/templates';
import { DEFAULT_TOPIC_CHANNELS, parseTopicChannels, publicBaseOf } from '../../src/notifications/settings';
import { applicantRecipient, normalizePhone } from '../../src/notifications/outbox';
import { build, receivePayload, type Built } from './support';

const cal = defaultWorkingCalendar();
const unitCode = '000.00.L7.H26';
const base = 'https://motcua.hanoi.example';
const received = [
  { type: 'RECEIVE' as const, at: '2026-05-13T09:00:00+07:00', payload: receivePayload(unitCode, '2026-05-13', 7) },
  { type: 'TRANSFER' as const, at: '2026-05-13T09:10:00+07:00', payload: { toUnitId: 'u2' } },
];
const submitted = [{ type: 'SUBMIT' as const, at: '2026-05-12T20:00:00+07:00', payload: { channel: 'ONLINE' } }];

const scenarios: Record<NotificationTopic, () => Built> = {
  SUBMITTED: () => build(cal, submitted),
  GUIDED: () =>
    build(cal, [
      ...submitted,
      {
        type: 'GUIDE_TO_COMPLETE',
        at: '2026-05-13T08:00:00+07:00',
        payload: { items: ['Bản sao Giấy chứng sinh', 'Tờ khai có chữ ký'], reason: 'Hồ sơ còn thiếu giấy tờ' },
      },
    ]),
  REFUSED_AT_RECEPTION: () =>
    build(cal, [
      ...submitted,
      {
        type: 'REFUSE_RECEPTION',
        at: '2026-05-13T08:00:00+07:00',
        payload: { reasons: ['Không thuộc trường hợp được giải quyết'] },
      },
    ]),
  RECEIVED: () => build(cal, received.slice(0, 1)),
  STEP_ASSIGNED: () =>
    build(cal, [
      ...received,
      {
        type: 'ASSIGN',
        at: '2026-05-13T09:30:00+07:00',
        payload: {
          stepId: 'tham-dinh',
          stepName: 'Thẩm định hồ sơ',
          assigneeUserId: 'u-cv',
          budget: { value: 8, unit: 'WORKING_HOURS' },
        },
      },
    ]),
  SUPPLEMENT_REQUESTED: () =>
    build(cal, [
      ...received,
      {
        type: 'REQUEST_SUPPLEMENT',
        at: '2026-05-14T10:00:00+07:00',
        payload: { items: ['Bản đồ thửa đất', 'Văn bản đồng ý của đồng sở hữu'], reason: 'Thiếu giấy tờ' },
      },
    ]),
  SUPPLEMENT_ACCEPTED: () =>
    build(cal, [
      ...received,
      {
        type: 'REQUEST_SUPPLEMENT',
        at: '2026-05-14T10:00:00+07:00',
        payload: { items: ['Bản đồ thửa đất'], reason: 'Thiếu bản đồ' },
      },
      { type: 'SUBMIT_SUPPLEMENT', at: '2026-05-15T10:00:00+07:00' },
      { type: 'ACCEPT_SUPPLEMENT', at: '2026-05-15T11:00:00+07:00' },
    ]),
  PAYMENT_REQUESTED: () =>
    build(cal, [
      ...received,
      {
        type: 'REQUEST_PAYMENT',
        at: '2026-05-14T10:00:00+07:00',
        payload: {
          feeLines: [
            { name: 'Lệ phí cấp giấy chứng nhận', amount: 1_000_000 },
            { name: 'Phí thẩm định', amount: 250_000 },
          ],
        },
      },
    ]),
  RESCHEDULED: () =>
    build(cal, [
      ...received,
      {
        type: 'APOLOGIZE_AND_RESCHEDULE',
        at: '2026-05-15T09:00:00+07:00',
        payload: {
          reason: 'Chờ ý kiến của cơ quan phối hợp',
          newDueDate: '2026-05-27',
          signerName: 'Nguyễn Văn Hùng',
          letterNumber: '15/UBND-VP',
        },
      },
    ]),
  RESULT_READY: () =>
    build(cal, [
      ...received,
      {
        type: 'RESOLVE',
        at: '2026-05-18T10:00:00+07:00',
        payload: {
          outcome: 'APPROVED',
          resultNumber: '12/QĐ-UBND',
          signerName: 'Nguyễn Văn A',
          fileSha256: 'a'.repeat(64),
          fileUrl: 'https://motcua.hanoi.example/ket-qua/12.pdf',
        },
      },
    ]),
  DELIVERED: () =>
    build(cal, [
      ...received,
      {
        type: 'RESOLVE',
        at: '2026-05-18T10:00:00+07:00',
        payload: { outcome: 'APPROVED', resultNumber: '12/QĐ-UBND', signerName: 'A', fileSha256: 'a'.repeat(64) },
      },
      {
        type: 'DELIVER',
        at: '2026-05-19T14:00:00+07:00',
        payload: { method: 'COUNTER', recipient: { type: 'APPLICANT', name: 'Trần Thị Bình' } },
      },
    ]),
  STOPPED: () =>
    build(cal, [
      ...received,
      {
        type: 'STOP',
        at: '2026-05-14T10:00:00+07:00',
        payload: { reason: 'Người yêu cầu đã chết', legalGround: 'Điều 21 Nghị định 118/2025/NĐ-CP' },
      },
    ]),
};

/** The topic's message from its scenario's state, with `patch` laid over that state. */
function rendered(topic: NotificationTopic, patch: Partial<Built['state']> = {}) {
  const built = scenarios[topic]();
  const state = { ...built.state, ...patch };
  assert.ok(
    built.events.some((e) => e.type === 'NOTIFY' && e.topic === topic),
    `${topic}: the scenario emits the NOTIFY event`,
  );
  const fields = dossierMergeFields({
    topic,
    dossierId: '3f1c2b9a-0000-4000-8000-000000000001',
    code: built.state.dossierCode,
    unitName: 'UBND xã Mê Linh',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    applicantName: 'Trần Thị Bình',
    recipientName: topic === 'STEP_ASSIGNED' ? 'Lê Văn Chuyên' : 'Trần Thị Bình',
    state,
    publicBase: base,
  });
  return { built, message: render(templateFor(topic), fields) };
}

const code = `${unitCode}-260513-0007`;

describe('templates', () => {
  test('one template per topic; every topic renders NFC text with no unfilled field', () => {
    const topics = new Set(NOTIFICATION_TEMPLATES.map((t) => t.topic));
    for (const topic of Object.keys(DEFAULT_TOPIC_CHANNELS) as TemplateTopic[]) assert.ok(topics.has(topic), topic);
    for (const t of NOTIFICATION_TEMPLATES) {
      for (const text of [t.subject, t.body, t.short]) assert.equal(text, text.normalize('NFC'));
    }
    for (const topic of Object.keys(scenarios) as NotificationTopic[]) {
      const { message } = rendered(topic);
      for (const text of [message.subject, message.body, message.short]) {
        assert.equal(text, text.normalize('NFC'), topic);
        assert.ok(!/\{\{|\}\}/.test(text), `${topic}: ${text}`);
        assert.ok(text.length > 20, topic);
      }
    }
  });

  test('RECEIVED: code, appointment dd/MM/yyyy HH:mm, lookup link', () => {
    const { message, built } = rendered('RECEIVED');
    assert.equal(formatDateTimeVN(built.state.dueAt), '20/05/2026 09:00');
    assert.equal(message.subject, `Hồ sơ ${code} đã được tiếp nhận – hẹn trả kết quả 20/05/2026 09:00`);
    assert.ok(message.body.includes(`Tra cứu tình trạng hồ sơ: ${base}/tra-cuu?ma=${encodeURIComponent(code)}`));
    assert.equal(
      message.short,
      `Hồ sơ ${code} đã được tiếp nhận. Hẹn trả kết quả: 20/05/2026 09:00. Tra cứu: ${base}/tra-cuu?ma=${encodeURIComponent(code)}`,
    );
  });

  test('an appointment at the end of a calendar-day period reads 24:00 of its last day', () => {
    const due = Date.parse('2026-05-21T00:00:00+07:00');
    const { message } = rendered('RECEIVED', { dueAt: due, originalDueAt: due });
    assert.equal(message.subject, `Hồ sơ ${code} đã được tiếp nhận – hẹn trả kết quả 20/05/2026 24:00`);
    assert.ok(message.short.includes('Hẹn trả kết quả: 20/05/2026 24:00.'), message.short);
    // An event at midnight is not a due instant: it prints as it happened.
    assert.equal(formatDateTimeVN(due), '21/05/2026 00:00');
  });

  test('SUPPLEMENT_REQUESTED lists the items and the reason; GUIDED and REFUSED likewise', () => {
    const s = rendered('SUPPLEMENT_REQUESTED').message.body;
    assert.ok(
      s.includes('Nội dung cần bổ sung:\n- Bản đồ thửa đất\n- Văn bản đồng ý của đồng sở hữu\nLý do: Thiếu giấy tờ'),
      s,
    );
    const g = rendered('GUIDED').message.body;
    assert.ok(g.includes('- Bản sao Giấy chứng sinh\n- Tờ khai có chữ ký\nLý do: Hồ sơ còn thiếu giấy tờ'), g);
    assert.ok(g.includes('Mã tham chiếu') || g.includes('mã tham chiếu'));
    const r = rendered('REFUSED_AT_RECEPTION').message.body;
    assert.ok(r.includes('- Không thuộc trường hợp được giải quyết'), r);
  });

  test('GUIDED to another body says so, without a list of items', () => {
    const built = build(cal, [
      ...submitted,
      {
        type: 'GUIDE_TO_OTHER_BODY',
        at: '2026-05-13T08:00:00+07:00',
        payload: { reason: 'Thủ tục thuộc thẩm quyền cấp tỉnh', suggestedBody: 'Sở Tư pháp' },
      },
    ]);
    const fields = dossierMergeFields({
      topic: 'GUIDED',
      dossierId: '3f1c2b9a-0000-4000-8000-000000000002',
      code: null,
      unitName: 'UBND xã Mê Linh',
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      applicantName: 'Trần Thị Bình',
      recipientName: 'Trần Thị Bình',
      state: built.state,
      publicBase: base,
    });
    const m = render(templateFor('GUIDED'), fields);
    assert.ok(m.body.includes('không thuộc thẩm quyền giải quyết tại đây'), m.body);
    assert.ok(!m.body.includes('cần được bổ sung'), m.body);
    assert.ok(m.body.includes('Lý do: Thủ tục thuộc thẩm quyền cấp tỉnh'), m.body);
    assert.match(m.short, /^Hồ sơ "Đăng ký khai sinh" \(mã tham chiếu 3F1C2B9A\): không thuộc thẩm quyền/);
    const complete = rendered('GUIDED').message.short;
    assert.ok(complete.includes('cần bổ sung, hoàn thiện: Bản sao Giấy chứng sinh; Tờ khai có chữ ký'), complete);
  });

  test('PAYMENT_REQUESTED: amounts in vi-VN', () => {
    const { body, short } = rendered('PAYMENT_REQUESTED').message;
    assert.equal(formatMoneyVN(1_250_000), '1.250.000 đồng');
    assert.ok(body.includes('- Lệ phí cấp giấy chứng nhận: 1.000.000 đồng\n- Phí thẩm định: 250.000 đồng'), body);
    assert.ok(body.includes('Tổng cộng: 1.250.000 đồng'), body);
    assert.ok(short.includes('đề nghị nộp 1.250.000 đồng'), short);
  });

  test('RESCHEDULED: apology with the reason, the old and the new date', () => {
    const { built, message } = rendered('RESCHEDULED');
    assert.equal(message.subject, `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`);
    assert.ok(message.body.includes('chân thành xin lỗi'), message.body);
    assert.ok(message.body.includes('Lý do: Chờ ý kiến của cơ quan phối hợp'));
    assert.ok(message.body.includes('Ngày hẹn trả kết quả trước đây: 20/05/2026 09:00'), message.body);
    assert.ok(message.body.includes(`Ngày hẹn trả kết quả mới: ${formatDateTimeVN(built.state.rescheduledDueAt)}`));
    assert.ok(message.body.includes('27/05/2026'));
    assert.ok(message.body.includes('Văn bản xin lỗi số: 15/UBND-VP'));
  });

  test('RESULT_READY, DELIVERED with the rating invitation, STOPPED, STEP_ASSIGNED', () => {
    const ready = rendered('RESULT_READY').message.body;
    assert.ok(ready.includes('Số văn bản: 12/QĐ-UBND'));
    assert.ok(ready.includes('Kết quả điện tử: https://motcua.hanoi.example/ket-qua/12.pdf'));
    const delivered = rendered('DELIVERED').message;
    assert.ok(delivered.body.includes('Rất hài lòng / Hài lòng / Không hài lòng'));
    assert.ok(delivered.body.includes(`${base}/tra-cuu?ma=${encodeURIComponent(code)}&danh-gia=1`));
    assert.ok(delivered.body.includes('đã được trả vào 19/05/2026 14:00 (nhận tại Bộ phận Một cửa)'), delivered.body);
    const stopped = rendered('STOPPED').message.body;
    assert.ok(stopped.includes('Căn cứ: Điều 21 Nghị định 118/2025/NĐ-CP'));
    assert.ok(stopped.includes('Lý do: Người yêu cầu đã chết'));
    assert.ok(!stopped.includes('Thông báo số'), 'a line without its field is left out');
    const assigned = rendered('STEP_ASSIGNED').message;
    assert.equal(assigned.subject, `[Một cửa] Được giao xử lý hồ sơ ${code}`);
    assert.ok(assigned.body.includes('Bước: Thẩm định hồ sơ'));
    assert.ok(assigned.body.includes('Hạn xử lý của bước: 14/05/2026 09:30'), assigned.body);
  });

  test('SUBMITTED before reception uses a reference, not a code', () => {
    const { message } = rendered('SUBMITTED');
    assert.ok(message.body.includes('Mã tham chiếu: 3F1C2B9A'), message.body);
    assert.ok(message.body.includes('Thời điểm nộp: 12/05/2026 20:00'));
    assert.ok(!message.body.includes('Tra cứu tình trạng'));
  });

  test('renderText drops lines of missing fields and keeps sections only when filled', () => {
    assert.equal(renderText('A: {{a}}\nB: {{b}}\nC', { a: '1' }), 'A: 1\nC');
    assert.equal(renderText('x{{#l}}\nL:\n{{l}}\n{{/l}}\ny', { l: '' }), 'x\ny');
    assert.equal(renderText('x{{#l}}\nL:\n{{l}}\n{{/l}}\ny', { l: '- 1' }), 'x\nL:\n- 1\n\ny');
    // Decomposed input comes out composed.
    assert.equal(renderText('{{n}}', { n: 'Hoa\u0300' }), 'Hoà');
  });
});

describe('recipients and channels', () => {
  test('the proxy when set and reachable, else the applicant', () => {
    const applicant = { name: 'A', email: 'a@x.vn', phone: null };
    assert.equal(applicantRecipient({ ...applicant, proxy: { name: 'P', email: 'p@x.vn' } }).name, 'P');
    assert.equal(applicantRecipient({ ...applicant, proxy: { name: 'P' } }).name, 'A', 'an unreachable proxy');
    assert.equal(applicantRecipient({ ...applicant, proxy: null }).name, 'A');
    assert.equal(normalizePhone('0912.345 678'), '0912345678');
    assert.equal(normalizePhone('+84 912 345 678'), '+84912345678');
    assert.equal(normalizePhone('12'), null);
  });

  test('NOTIFY_CHANNELS overrides single topics; unknown names are refused', () => {
    const t = parseTopicChannels('RECEIVED=EMAIL+SMS; STOPPED=; DAILY_DIGEST=email+in_app');
    assert.deepEqual(t.RECEIVED, ['EMAIL', 'SMS']);
    assert.deepEqual(t.STOPPED, []);
    assert.deepEqual(t.DAILY_DIGEST, ['EMAIL', 'IN_APP']);
    assert.deepEqual(t.RESULT_READY, DEFAULT_TOPIC_CHANNELS.RESULT_READY);
    assert.throws(() => parseTopicChannels('RECIEVED=EMAIL'), /unknown topic/);
    assert.throws(() => parseTopicChannels('RECEIVED=FAX'), /unknown channel/);
    assert.equal(publicBaseOf({ publicUrl: 'https://a.example/', host: '0.0.0.0', port: 1 }), 'https://a.example');
    assert.equal(publicBaseOf({ publicUrl: undefined, host: '0.0.0.0', port: 3000 }), 'http://localhost:3000');
  });
});
