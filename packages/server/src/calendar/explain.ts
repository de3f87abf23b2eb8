/**
 * Vietnamese sentences explaining a due date to a citizen or an officer: where the clock started and why,
 * which days off and make-up days lie in the period, the counting rule, and the due instant.
 */
import {
  HOUR_MS,
  formatInstantVN,
  formatLocalDate,
  formatLocalTime,
  localDateOf,
  parseLocalDate,
  weekdayOf,
  type CalendarEntryType,
  type DueResult,
  type LocalDate,
  type OfficialReceipt,
  type ScheduleEntry,
  type WorkingCalendar,
} from '@motcua/domain/calendar/index';

export const WEEKDAY_VI = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'] as const;

const TYPE_VI: Record<CalendarEntryType, string> = {
  PUBLIC_HOLIDAY: 'ngày nghỉ lễ',
  COMPENSATORY_DAY_OFF: 'ngày nghỉ bù',
  SWAP_DAY_OFF: 'ngày nghỉ hoán đổi',
  SWAP_WORKDAY: 'ngày làm bù, được tính là ngày làm việc',
  LOCAL_CLOSURE: 'ngày tạm ngừng tiếp nhận của địa phương/đơn vị',
};

const hm = (ms: number) => formatInstantVN(ms).slice(11, 16);

function dmy(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** 'thứ Bảy 25/04/2026' */
export function dayLong(date: LocalDate): string {
  return `${WEEKDAY_VI[weekdayOf(date)]} ${dmy(date)}`;
}

/** '09:40 thứ Bảy 25/04/2026' */
export function instantLong(ms: number): string {
  return `${hm(ms)} ${dayLong(localDateOf(ms))}`;
}

function joinVi(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`;
}

const shortName = (name: string) => name.replace(/\s*\(.*$/, '').trim() || name;

function receiptReason(cal: WorkingCalendar, r: OfficialReceipt, cutoff: string | null): string {
  switch (r.adjustment) {
    case 'BEFORE_OPENING':
      return 'trước giờ làm việc';
    case 'BREAK':
      return 'trong giờ nghỉ giữa ca';
    case 'AFTER_CLOSING':
      return 'sau giờ làm việc';
    case 'CUTOFF':
      return `sau ${cutoff ?? ''}, giờ chốt tiếp nhận trong ngày của thủ tục`;
    case 'NON_WORKING_DAY': {
      const date = localDateOf(r.receivedAt);
      if (r.reception === 'SATURDAY_RECEPTION') {
        const tod = r.receivedAt - cal.dayStart(cal.dayIndexOf(r.receivedAt));
        return `tiếp nhận ${tod < 12 * HOUR_MS ? 'sáng' : 'chiều'} thứ Bảy, không phải ngày làm việc`;
      }
      const off = cal.dayInfo(date).entries.filter((e) => e.type !== 'SWAP_WORKDAY');
      if (off.length) return `${TYPE_VI[off[0]!.type]}: ${shortName(off[0]!.name)}`;
      return weekdayOf(date) >= 6 ? 'ngày nghỉ cuối tuần' : 'ngày nghỉ';
    }
    case 'NONE':
      return '';
  }
}

interface Group {
  type: CalendarEntryType;
  dates: LocalDate[];
  names: string[];
  docs: string[];
}

/** Days off (other than plain weekends) and make-up days from `from` to `to`, grouped by kind. */
function specialDays(cal: WorkingCalendar, from: LocalDate, to: LocalDate): { groups: Group[]; weekends: boolean } {
  const groups = new Map<CalendarEntryType, Group>();
  let weekends = false;
  const a = parseLocalDate(from);
  const b = Math.min(parseLocalDate(to), a + 400);
  for (let day = a; day <= b; day++) {
    const date = formatLocalDate(day);
    const info = cal.dayInfo(date);
    const relevant: ScheduleEntry[] = info.working
      ? info.entries.filter((e) => e.type === 'SWAP_WORKDAY')
      : info.entries.filter((e) => e.type !== 'SWAP_WORKDAY');
    if (relevant.length === 0) {
      if (!info.working && info.weekday >= 6) weekends = true;
      continue;
    }
    const e = relevant.find((x) => x.type === 'LOCAL_CLOSURE') ?? relevant[0]!;
    let g = groups.get(e.type);
    if (!g) groups.set(e.type, (g = { type: e.type, dates: [], names: [], docs: [] }));
    g.dates.push(date);
    const n = shortName(e.name);
    if (!g.names.includes(n)) g.names.push(n);
    const doc = e.legalBasis?.documentNo;
    if (doc && !g.docs.includes(doc)) g.docs.push(doc);
  }
  return { groups: [...groups.values()], weekends };
}

function groupSentence(g: Group, withYear: boolean): string {
  const dates = g.dates.map((d) => (withYear ? dmy(d) : dmy(d).slice(0, 5)));
  const detail = g.names.join('; ') + (g.docs.length ? `; căn cứ ${g.docs.join(', ')}` : '');
  const label = g.type === 'SWAP_WORKDAY' ? `${WEEKDAY_VI[weekdayOf(g.dates[0]!)]} ${dates[0]}` : '';
  const subject = g.type === 'SWAP_WORKDAY' && g.dates.length === 1 ? label : joinVi(dates);
  return `${subject} là ${TYPE_VI[g.type]} (${detail}).`;
}

export interface ExplainInput {
  cal: WorkingCalendar;
  receipt: OfficialReceipt;
  result: DueResult;
  cutoff: string | null;
}

export function explainDue({ cal, receipt, result, cutoff }: ExplainInput): string[] {
  const out: string[] = [];
  const { duration } = result;
  const startDate = localDateOf(result.officialStart);
  if (duration.unit === 'CALENDAR_DAYS') {
    out.push(
      `Sự kiện ngày ${dayLong(localDateOf(receipt.receivedAt))}; ngày xảy ra sự kiện không được tính (Bộ luật Dân sự 2015, Điều 147), thời hạn bắt đầu từ ngày ${dmy(formatLocalDate(parseLocalDate(startDate) + 1))}.`,
    );
  } else if (receipt.adjustment === 'NONE') {
    out.push(`Nhận lúc ${instantLong(receipt.receivedAt)}, trong giờ làm việc → tính từ thời điểm này.`);
  } else {
    out.push(
      `Nhận lúc ${instantLong(receipt.receivedAt)} (${receiptReason(cal, receipt, cutoff)}) → tính từ ${instantLong(result.officialStart)}.`,
    );
  }

  const lastDate = result.dueDate;
  const from = localDateOf(receipt.receivedAt);
  const { groups, weekends } = specialDays(cal, from, lastDate);
  const withYear = from.slice(0, 4) !== lastDate.slice(0, 4);
  for (const g of groups) out.push(groupSentence(g, withYear));
  if (weekends && duration.unit !== 'CALENDAR_DAYS' && duration.unit !== 'SAME_DAY') {
    out.push('Thứ Bảy, Chủ nhật không phải ngày làm việc, trừ ngày làm bù theo thông báo.');
  }

  const v = duration.value;
  switch (duration.unit) {
    case 'WORKING_DAYS':
      if (v === 0) out.push('Thời hạn 0 ngày làm việc: trả trong ngày bắt đầu tính, vào cuối giờ làm việc.');
      else if (!Number.isInteger(v)) {
        const dayH = cal.standardDayMs[cal.dayIndexOf(result.officialStart)]! / HOUR_MS;
        out.push(
          `Thời hạn ${String(v).replace('.', ',')} ngày làm việc = ${String(+(v * dayH).toFixed(2)).replace('.', ',')} giờ làm việc (1 ngày làm việc = ${String(dayH).replace('.', ',')} giờ), chỉ tính trong giờ làm việc.`,
        );
      } else {
        const mode =
          result.dueTimeMode === 'SAME_TIME'
            ? `hạn trả cùng giờ bắt đầu tính (${hm(result.officialStart)}${hm(result.dueAt) !== hm(result.officialStart) ? `, ngày đó kết thúc lúc ${hm(result.dueAt)}` : ''})`
            : 'hạn trả vào cuối giờ làm việc của ngày đó';
        out.push(
          `Thời hạn ${v} ngày làm việc, đếm từ ngày làm việc kế tiếp sau ${dmy(startDate)}: ngày làm việc thứ ${v} là ${dayLong(lastDate)}; ${mode}.`,
        );
      }
      break;
    case 'WORKING_HOURS': {
      const p = cal.profileAt(cal.dayIndexOf(result.officialStart));
      const spans = p.starts.map((s, k) => `${formatLocalTime(s)}–${formatLocalTime(p.ends[k]!)}`).join(', ');
      out.push(
        `Thời hạn ${String(v).replace('.', ',')} giờ làm việc, chỉ tính trong giờ làm việc (${spans}) của ngày làm việc, bỏ qua giờ nghỉ, ban đêm và ngày nghỉ.`,
      );
      break;
    }
    case 'SAME_DAY':
      out.push('Thủ tục trả kết quả trong ngày: hạn là cuối giờ làm việc của ngày bắt đầu tính.');
      break;
    case 'CALENDAR_DAYS': {
      const nominal = formatLocalDate(parseLocalDate(localDateOf(receipt.receivedAt)) + v);
      const rolled = nominal !== lastDate;
      out.push(
        `Thời hạn ${v} ngày theo lịch (không trừ ngày nghỉ khi đếm): ngày cuối cùng là ${dayLong(nominal)}` +
          (rolled
            ? `; ngày này là ngày nghỉ nên thời hạn kết thúc vào ngày làm việc tiếp theo, ${dayLong(lastDate)} (Bộ luật Dân sự 2015, Điều 148).`
            : '.'),
      );
      break;
    }
  }
  if (duration.unit === 'CALENDAR_DAYS') out.push(`Hạn trả: 24:00 ${dayLong(lastDate)}.`);
  else out.push(`Hạn trả: ${instantLong(result.dueAt)}.`);
  return out.map((line) => line.charAt(0).toUpperCase() + line.slice(1));
}
