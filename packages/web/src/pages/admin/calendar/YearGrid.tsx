import { memo } from 'react';
import { useLang, useT } from '../../../i18n';
import type { CalendarYear } from '../../../api/calendar';
import { dayMarks, dmy, LEGEND_KINDS } from './kinds';

const pad = (n: number) => String(n).padStart(2, '0');

export function Legend() {
  const t = useT();
  return (
    <ul className="cal-legend" aria-label={t('cal.legend')}>
      <li>
        <span className="cal-swatch weekend" aria-hidden /> {t('cal.weekend')}
      </li>
      {LEGEND_KINDS.map((k) => (
        <li key={k}>
          <span className={`cal-swatch k-${k}`} aria-hidden /> {t(`cal.type.${k}` as const)}
        </li>
      ))}
      <li>
        <span className="cal-swatch proposal" aria-hidden /> {t('cal.proposal')}
      </li>
    </ul>
  );
}

/** Twelve month grids (Monday first) with weekends shaded and the year's entries marked. */
export const YearGrid = memo(function YearGrid({ data }: { data: CalendarYear }) {
  const t = useT();
  const [lang] = useLang();
  const marks = dayMarks(data);
  const weekdays = t('cal.weekdayShort').split(',');
  const monthName = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { month: 'long', timeZone: 'UTC' });
  return (
    <div className="cal-year" data-testid="calendar-year">
      {Array.from({ length: 12 }, (_, m) => {
        const first = new Date(Date.UTC(data.year, m, 1));
        const days = new Date(Date.UTC(data.year, m + 1, 0)).getUTCDate();
        const lead = (first.getUTCDay() + 6) % 7;
        const cells: (number | null)[] = [
          ...Array<null>(lead).fill(null),
          ...Array.from({ length: days }, (_, i) => i + 1),
        ];
        while (cells.length % 7) cells.push(null);
        const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
        return (
          <table key={m} className="cal-month">
            <caption>{`${monthName.format(first)} ${data.year}`}</caption>
            <thead>
              <tr>
                {weekdays.map((w) => (
                  <th key={w} scope="col">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, wi) => (
                <tr key={wi}>
                  {week.map((d, i) => {
                    if (d === null) return <td key={i} />;
                    const date = `${data.year}-${pad(m + 1)}-${pad(d)}`;
                    const mark = marks.get(date);
                    const weekend = i >= 5 && mark?.kind !== 'SWAP_WORKDAY';
                    const cls = [
                      'cal-day',
                      weekend && !mark?.kind ? 'weekend' : '',
                      mark?.kind ? `k-${mark.kind}` : '',
                      mark?.proposal.length ? 'proposal' : '',
                    ]
                      .filter(Boolean)
                      .join(' ');
                    const labels = [
                      ...(mark?.reasons ?? []).map((r) => `${t(`cal.type.${r.type}` as const)}: ${r.name}`),
                      ...(mark?.proposal ?? []).map((p) => `${t('cal.proposal')}: ${p.name}`),
                    ];
                    const label = labels.length
                      ? t('cal.dayLabel', { date: dmy(date), reasons: labels.join('; ') })
                      : undefined;
                    return (
                      <td key={i}>
                        <span
                          className={cls}
                          data-date={date}
                          data-kind={mark?.kind ?? (weekend ? 'WEEKEND' : '')}
                          title={label}
                        >
                          {d}
                          {label && <span className="visually-hidden">{` — ${labels.join('; ')}`}</span>}
                        </span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
});
