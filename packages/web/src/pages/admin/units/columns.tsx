import { Button } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Unit } from '../../../api/types';
import type { Translate } from '../../../i18n';
import { formatDate, formatNumber } from '../../../format';

export function validityText(t: Translate, from: string, to: string | null): string {
  return t('units.validityRange', { from: formatDate(from), to: to ? formatDate(to) : t('units.openEnded') });
}

/** Columns shared by the unit tree and the search results; rows without a unit are loading placeholders. */
export function unitColumns<R extends { unit: Unit | null }>(
  t: Translate,
  onOpen: (id: string) => void,
): ColumnsType<R> {
  return [
    {
      title: t('units.name'),
      key: 'name',
      render: (_, row) =>
        row.unit ? (
          <div className="unit-name">
            <Button type="link" className="link-button" onClick={() => onOpen(row.unit!.id)}>
              {row.unit.name}
            </Button>
          </div>
        ) : (
          <span>{t('common.loading')}</span>
        ),
    },
    { title: t('units.code'), key: 'code', width: 140, render: (_, row) => row.unit?.code },
    {
      title: t('units.type'),
      key: 'type',
      width: 220,
      render: (_, row) => (row.unit ? t(`unitType.${row.unit.type}`) : null),
    },
    {
      title: t('units.validity'),
      key: 'validity',
      width: 220,
      render: (_, row) => (row.unit ? validityText(t, row.unit.validFrom, row.unit.validTo) : null),
    },
    {
      title: t('units.childCount'),
      key: 'childCount',
      width: 150,
      align: 'right',
      render: (_, row) => (row.unit ? formatNumber(row.unit.childCount) : null),
    },
  ];
}
