import { useMemo } from 'react';
import { Alert, Typography } from 'antd';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { DossierTable, useDossierColumns } from './DossierTable';

/**
 * "Hồ sơ liên thông": other units' dossiers with a sub-dossier open at the current unit (view=coordinating). The
 * unit returns its part from the dossier page; the dossier then leaves this list and the unit's sight.
 */
export default function CoordinatingDossiersPage() {
  const t = useT();
  usePageTitle(t('ds.coord.title'));
  const { unit } = useWorkingUnit();
  const columns = useDossierColumns();
  const params = useMemo(() => (unit ? { view: 'coordinating' as const, unitId: unit.id } : null), [unit]);

  if (!unit) return <Alert type="warning" showIcon title={t('ds.noUnit')} />;
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('ds.coord.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ds.coord.intro', { unit: unit.name })}</Typography.Paragraph>
      <DossierTable params={params} columns={columns} caption={t('ds.coord.title')} />
    </>
  );
}
