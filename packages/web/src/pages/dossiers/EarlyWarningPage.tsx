import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Checkbox, InputNumber, Typography } from 'antd';
import { useAuth } from '../../auth/AuthContext';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { DossierTable, useDossierColumns } from './DossierTable';
import { SOON_HOURS } from './Tags';

/** Early warning: the unit's dossiers in progress due within N working hours, overdue ones included. */
export default function EarlyWarningPage() {
  const t = useT();
  usePageTitle(t('ds.warn.title'));
  const { unit } = useWorkingUnit();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const hours = Math.max(0, Math.min(2000, Number(params.get('gio') ?? SOON_HOURS) || 0));
  const includeSubtree = params.get('capDuoi') === '1';
  const [draft, setDraft] = useState<number | null>(hours);
  useEffect(() => setDraft(hours), [hours]);
  const columns = useDossierColumns();
  const subtree = !!user?.grants.some((g) => g.unitId === unit?.id && g.includeSubtree);
  const query = useMemo(
    () =>
      unit
        ? { view: 'unit' as const, unitId: unit.id, dueWithinHours: hours, includeSubtree: subtree && includeSubtree }
        : null,
    [unit, hours, subtree, includeSubtree],
  );
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  if (!unit) return <Alert type="warning" showIcon title={t('ds.noUnit')} />;

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('ds.warn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ds.warn.intro', { unit: unit.name })}</Typography.Paragraph>
      <div className="toolbar">
        <label htmlFor="ds-warn-hours">{t('ds.warn.hours')}</label>
        <InputNumber
          id="ds-warn-hours"
          min={0}
          max={2000}
          step={1}
          value={draft}
          onChange={(v) => setDraft(v)}
          onPressEnter={() => set('gio', String(draft ?? SOON_HOURS))}
          onBlur={() => draft !== hours && set('gio', String(draft ?? SOON_HOURS))}
          style={{ width: 120 }}
          suffix={t('ds.warn.hoursUnit')}
        />
        {subtree && (
          <Checkbox checked={includeSubtree} onChange={(e) => set('capDuoi', e.target.checked ? '1' : null)}>
            {t('ds.includeSubtree')}
          </Checkbox>
        )}
      </div>
      <DossierTable
        params={query}
        columns={columns}
        caption={t('ds.warn.title')}
        emptyText={t('ds.warn.empty', { hours })}
      />
    </>
  );
}
