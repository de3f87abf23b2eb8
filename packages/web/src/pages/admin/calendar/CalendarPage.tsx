import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, InputNumber, Typography } from 'antd';
import { CheckOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { calendarApi, type CalendarEntry, type CalendarYear } from '../../../api/calendar';
import { unitsApi } from '../../../api/units';
import { LoadError } from '../../../auth/guards';
import { UnitSelect } from '../../../components/UnitSelect';
import { formatNumber } from '../../../format';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { ActionModal, type EntryAction } from './ActionModal';
import { EntryFormModal } from './EntryFormModal';
import { EntryTable } from './EntryTable';
import { dmy } from './kinds';
import { UnitSettingsCard } from './UnitSettingsCard';
import { Legend, YearGrid } from './YearGrid';
import './calendar.css';

export default function CalendarPage() {
  const t = useT();
  usePageTitle(t('cal.title'));
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('nam')) || dayjs().year();
  const [viewUnit, setViewUnit] = useState<string | null>(null);
  const [data, setData] = useState<CalendarYear | null>(null);
  const [entries, setEntries] = useState<CalendarEntry[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [editing, setEditing] = useState<CalendarEntry | null | undefined>(undefined);
  const [action, setAction] = useState<EntryAction | null>(null);
  const [unitNames, setUnitNames] = useState(new Map<string, string>());
  const reload = useCallback(() => setReloadKey((k) => k + 1), []);
  const setYear = (y: number) => setParams({ nam: String(y) }, { replace: true });

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    Promise.all([calendarApi.year(year, viewUnit ?? undefined, ac.signal), calendarApi.entries(year, ac.signal)])
      .then(([y, list]) => {
        setData(y);
        setEntries(list.items);
      })
      .catch((e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      })
      .finally(() => !ac.signal.aborted && setLoading(false));
    return () => ac.abort();
  }, [year, viewUnit, reloadKey]);

  // Names of the units of unit-scoped entries (a handful per year).
  useEffect(() => {
    const missing = [...new Set(entries.flatMap((e) => e.scope.unitIds))].filter((id) => !unitNames.has(id));
    if (!missing.length) return;
    void Promise.all(
      missing.map((id) =>
        unitsApi.get(id).then(
          (u) => [id, u.name] as const,
          () => [id, id] as const,
        ),
      ),
    ).then((pairs) => setUnitNames((old) => new Map([...old, ...pairs])));
  }, [entries, unitNames]);

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('cal.title')}
      </Typography.Title>
      <div className="toolbar">
        <Button icon={<LeftOutlined aria-hidden />} aria-label={t('cal.prevYear')} onClick={() => setYear(year - 1)} />
        <label htmlFor="cal-year">{t('cal.year')}</label>
        <InputNumber
          id="cal-year"
          min={1990}
          max={2100}
          value={year}
          controls={false}
          onChange={(v) => v && v >= 1990 && v <= 2100 && setYear(v)}
          style={{ width: 90 }}
        />
        <Button icon={<RightOutlined aria-hidden />} aria-label={t('cal.nextYear')} onClick={() => setYear(year + 1)} />
        <label htmlFor="cal-unit-view">{t('cal.unitView')}</label>
        <div style={{ width: 340, maxWidth: '100%' }}>
          <UnitSelect
            id="cal-unit-view"
            value={viewUnit}
            onChange={(v) => setViewUnit((v as string | null) ?? null)}
            allowClear
            placeholder={t('cal.unitViewPlaceholder')}
          />
        </div>
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
          {t('cal.add')}
        </Button>
      </div>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        data && (
          <>
            <p aria-live="polite" data-testid="calendar-summary">
              {t('cal.summary', { year: data.year, count: formatNumber(data.workingDayCount) })}
            </p>
            {data.defaultOccasions.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('cal.defaultOccasions', { list: data.defaultOccasions.join(', ') })}
              />
            )}
            <Legend />
            <YearGrid data={data} />
            {data.proposals.length > 0 && (
              <Card className="cal-section" title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('cal.proposals')}</h2>}>
                <ul className="cal-proposals" data-testid="calendar-proposals">
                  {data.proposals.map((p) => (
                    <li key={p.id ?? p.date}>
                      <strong>{dmy(p.date)}</strong>
                      <span className={`cal-type-tag k-${p.type}`}>{t(`cal.type.${p.type}` as const)}</span>
                      <span style={{ flex: 1 }}>{p.name}</span>
                      {p.id && (
                        <Button
                          icon={<CheckOutlined aria-hidden />}
                          onClick={() => setAction({ kind: 'confirm', entry: p })}
                        >
                          {t('cal.confirm')}
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              </Card>
            )}
          </>
        )
      )}
      <section className="cal-section" aria-labelledby="cal-entries-title">
        <h2 id="cal-entries-title" style={{ fontSize: 18 }}>
          {t('cal.entries', { year })}
        </h2>
        <EntryTable
          year={year}
          items={entries}
          loading={loading}
          unitNames={unitNames}
          onEdit={setEditing}
          onAction={setAction}
        />
      </section>
      <UnitSettingsCard />
      <EntryFormModal
        open={editing !== undefined}
        entry={editing ?? null}
        defaultDate={`${year}-${dayjs().format('MM-DD')}`}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          reload();
        }}
        onConflict={() => {
          setEditing(undefined);
          reload();
        }}
      />
      <ActionModal
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          reload();
        }}
      />
    </>
  );
}
