import { Select, Typography } from 'antd';
import { useWorkingUnit } from '../auth/WorkingUnitContext';
import { useT } from '../i18n';

/** Header select of the distinct units of the user's grants. */
export function UnitSwitcher() {
  const t = useT();
  const { units, unit, setUnitId } = useWorkingUnit();
  if (units.length === 0) return <Typography.Text>{t('header.noUnit')}</Typography.Text>;
  return (
    <Select
      id="working-unit"
      aria-label={t('header.unit')}
      title={t('header.unit')}
      value={unit?.id}
      onChange={setUnitId}
      style={{ minWidth: 220, maxWidth: 360 }}
      showSearch={{ optionFilterProp: 'label' }}
      options={units.map((u) => ({ value: u.id, label: u.name }))}
      popupMatchSelectWidth={false}
    />
  );
}
