import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  OFFICIAL_SCHEDULE_VN,
  computeDue,
  defaultWorkingCalendar,
  dueQuerySchema,
  dueQueryToRequest,
  officeHoursSchema,
  saturdayReceptionVersionSchema,
  scheduleEntryInputSchema,
  scheduleEntrySchema,
  yearCoverageSchema,
} from '../../src/calendar/index.js';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }): string[] =>
  r.success ? [] : (r.error?.issues.map((i) => i.message) ?? []);

describe('calendar zod schemas', () => {
  test('every shipped entry is a valid schedule entry', () => {
    for (const e of OFFICIAL_SCHEDULE_VN) assert.ok(scheduleEntrySchema.safeParse(e).success, e.date);
  });
  test('admin input requires the deciding document; messages are Vietnamese', () => {
    const base = { date: '2026-11-23', type: 'SWAP_DAY_OFF', name: 'Nghỉ hoán đổi', pairedDate: '2026-11-28' };
    const r = scheduleEntryInputSchema.safeParse(base);
    assert.equal(r.success, false);
    assert.deepEqual(messages(r), ['Cần căn cứ pháp lý (số hiệu và ngày văn bản)']);
    assert.ok(
      scheduleEntryInputSchema.safeParse({ ...base, legalBasis: { documentNo: '123/VPCP-KGVX', date: '2026-10-01' } })
        .success,
    );
  });
  test('business rules', () => {
    const src = { source: 'x' };
    assert.deepEqual(
      messages(scheduleEntrySchema.safeParse({ date: '2026-11-27', type: 'SWAP_WORKDAY', name: 'Làm bù', ...src })),
      ['Ngày làm bù phải là thứ Bảy hoặc Chủ nhật'],
    );
    assert.deepEqual(
      messages(scheduleEntrySchema.safeParse({ date: '2026-02-30', type: 'PUBLIC_HOLIDAY', name: 'X', ...src })),
      ['Ngày không tồn tại'],
    );
    assert.deepEqual(
      messages(scheduleEntrySchema.safeParse({ date: '2026-02-14', type: 'LOCAL_CLOSURE', name: 'Đồng Nai', ...src })),
      ['Ngày tạm ngừng tiếp nhận phải có phạm vi tỉnh hoặc đơn vị'],
    );
    assert.ok(
      scheduleEntrySchema.safeParse({
        date: '2026-02-14',
        type: 'LOCAL_CLOSURE',
        name: 'Đồng Nai',
        scope: { level: 'PROVINCE', provinceCodes: ['75'] },
        ...src,
      }).success,
    );
    assert.equal(
      scheduleEntrySchema.safeParse({ date: '2026-02-14', type: 'HOLIDAY', name: 'X', ...src }).success,
      false,
    );
  });
  test('office hours', () => {
    const ok = [
      {
        effectiveFrom: '2026-01-01',
        intervals: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
      },
    ];
    assert.ok(officeHoursSchema.safeParse(ok).success);
    assert.deepEqual(
      messages(
        officeHoursSchema.safeParse([{ effectiveFrom: '2026-01-01', intervals: [{ start: '13:30', end: '11:30' }] }]),
      ),
      ['Giờ kết thúc phải sau giờ bắt đầu'],
    );
    assert.ok(
      messages(
        officeHoursSchema.safeParse([
          {
            effectiveFrom: '2026-01-01',
            intervals: [
              { start: '07:00', end: '12:00' },
              { start: '11:00', end: '17:00' },
            ],
          },
        ]),
      ).includes('Các khoảng giờ phải theo thứ tự và không chồng lấn, không liền nhau'),
    );
    assert.ok(
      messages(officeHoursSchema.safeParse([...ok, ...ok])).includes('Hai phiên bản không được cùng ngày hiệu lực'),
    );
    assert.ok(
      saturdayReceptionVersionSchema.safeParse({
        effectiveFrom: '2018-03-10',
        enabled: true,
        intervals: [{ start: '07:30', end: '11:30' }],
      }).success,
    );
    assert.ok(yearCoverageSchema.safeParse({ year: 2027, decidedOccasions: ['NEW_YEAR'] }).success);
  });
  test('due query: strings from the URL, mapped to the engine (example 3)', () => {
    const q = dueQuerySchema.parse({
      start: '2025-04-24T10:00:00 07:00',
      amount: '3',
      unit: 'working_days',
      mode: 'same_time',
      unitId: 'U1',
    });
    const req = dueQueryToRequest(q);
    assert.deepEqual(req.duration, { value: 3, unit: 'WORKING_DAYS' });
    assert.equal(req.unitId, 'U1');
    assert.equal(
      computeDue(defaultWorkingCalendar(), req.start, req.duration, req.options).dueAtIso,
      '2025-04-28T10:00:00+07:00',
    );
  });
  test('due query errors', () => {
    assert.deepEqual(messages(dueQuerySchema.safeParse({ start: 'hôm qua', amount: '1', unit: 'working_days' })), [
      'Thời điểm bắt đầu không hợp lệ (ISO-8601, ví dụ 2026-04-29T08:00:00+07:00)',
    ]);
    assert.deepEqual(
      messages(dueQuerySchema.safeParse({ start: '2025-04-24T10:00', amount: '-1', unit: 'working_days' })),
      ['Thời hạn (amount) không được âm'],
    );
    assert.deepEqual(
      messages(dueQuerySchema.safeParse({ start: '2025-04-24T10:00', amount: '1.5', unit: 'calendar_days' })),
      ['Số ngày theo lịch phải là số nguyên'],
    );
    assert.equal(dueQuerySchema.safeParse({ start: '2025-04-24T10:00', amount: '1', unit: 'weeks' }).success, false);
    assert.deepEqual(
      messages(dueQuerySchema.safeParse({ start: '2025-04-24T10:00', amount: '1', unit: 'same_day', cutoff: '3pm' })),
      ['Giờ phải có dạng HH:MM (00:00–24:00)'],
    );
  });
});
