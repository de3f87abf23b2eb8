import { useMemo } from 'react';
import { Alert, Typography } from 'antd';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import type { DossierSummary } from '../../api/dossiers';
import { vnDueAt } from '../../vnTime';
import { DossierTable, useDossierColumns } from './DossierTable';
import { TimeLeftTag } from './Tags';

/** The unit answers to its sub-dossier's own deadline; without a budget, to the dossier's. */
const ownHoursLeft = (d: DossierSummary) => (d.coordination ? d.coordination.workingHoursLeft : d.workingHoursLeft);

/**
 * "Hồ sơ liên thông": other units' dossiers with a sub-dossier open at the current unit (view=coordinating). The
 * unit returns its part from the dossier page; the dossier then leaves this list and the unit's sight.
 */
export default function CoordinatingDossiersPage() {
  const t = useT();
  usePageTitle(t('ds.coord.title'));
  const { unit } = useWorkingUnit();
  const columns = useDossierColumns().flatMap((c) =>
    c.key === 'left'
      ? [
          {
            title: t('ds.coord.due'),
            key: 'coordDue',
            width: 130,
            render: (_: unknown, d: DossierSummary) =>
              d.coordination ? vnDueAt(d.coordination.dueAt) : t('ds.coord.noBudget'),
          },
          {
            ...c,
            render: (_: unknown, d: DossierSummary) => (
              <TimeLeftTag hours={ownHoursLeft(d)} state={d.state} clock={d.clock} />
            ),
          },
        ]
      : [c],
  );
  const params = useMemo(() => (unit ? { view: 'coordinating' as const, unitId: unit.id } : null), [unit]);

  if (!unit) return <Alert type="warning" showIcon title={t('ds.noUnit')} />;
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('ds.coord.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ds.coord.intro', { unit: unit.name })}</Typography.Paragraph>
      <DossierTable params={params} columns={columns} caption={t('ds.coord.title')} hoursLeftOf={ownHoursLeft} />
    </>
  );
}
