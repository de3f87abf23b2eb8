import { Button, Space, Table } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { CalendarEntry } from '../../../api/calendar';
import { useT } from '../../../i18n';
import { dmy } from './kinds';
import type { EntryAction } from './ActionModal';

const WEEKDAY_VI = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

interface Props {
  year: number;
  items: CalendarEntry[];
  loading: boolean;
  unitNames: Map<string, string>;
  onEdit: (e: CalendarEntry) => void;
  onAction: (a: EntryAction) => void;
}

export function EntryTable({ year, items, loading, unitNames, onEdit, onAction }: Props) {
  const t = useT();
  return (
    <Table<CalendarEntry>
      rowKey={(e) => e.id ?? `${e.date}-${e.type}`}
      size="small"
      scroll={{ x: 1000 }}
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: t('cal.noEntries') }}
      title={() => <span className="visually-hidden">{t('cal.tableCaption', { year })}</span>}
      rowClassName={(e) => (e.confirmed ? '' : 'cal-row-proposal')}
      columns={[
        { title: t('cal.date'), dataIndex: 'date', width: 100, render: (d: string) => dmy(d) },
        { title: t('cal.weekdayCol'), dataIndex: 'weekday', width: 80, render: (w: number) => WEEKDAY_VI[w] },
        {
          title: t('cal.typeCol'),
          dataIndex: 'type',
          width: 140,
          render: (k: CalendarEntry['type']) => (
            <span className={`cal-type-tag k-${k}`}>{t(`cal.type.${k}` as const)}</span>
          ),
        },
        { title: t('cal.name'), dataIndex: 'name' },
        {
          title: t('cal.scope'),
          key: 'scope',
          width: 120,
          render: (_: unknown, e) =>
            e.scope.level === 'UNIT'
              ? e.scope.unitIds.map((id) => unitNames.get(id) ?? id).join(', ')
              : e.scope.level === 'PROVINCE'
                ? `${t('cal.scope.PROVINCE')} ${e.scope.provinceCodes.join(', ')}`
                : t('cal.scope.NATIONAL'),
        },
        {
          title: t('cal.legalBasis'),
          key: 'legal',
          width: 150,
          render: (_: unknown, e) =>
            e.legalBasis
              ? [e.legalBasis.documentNo, dmy(e.legalBasis.date)].filter(Boolean).join(', ')
              : t('common.none'),
        },
        {
          title: t('cal.status'),
          key: 'status',
          width: 110,
          render: (_: unknown, e) =>
            e.applied ? (
              <span className="cal-status applied">{t('cal.applied')}</span>
            ) : (
              <span className="cal-status proposal">{t('cal.notApplied')}</span>
            ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 140,
          render: (_: unknown, e) =>
            e.id && (
              <Space size={4} wrap>
                {!e.confirmed && (
                  <Button
                    size="small"
                    icon={<CheckOutlined aria-hidden />}
                    onClick={() => onAction({ kind: 'confirm', entry: e })}
                  >
                    {t('cal.confirm')}
                  </Button>
                )}
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t('cal.edit', { date: dmy(e.date) })}
                  onClick={() => onEdit(e)}
                />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('cal.deleteLabel', { date: dmy(e.date) })}
                  onClick={() => onAction({ kind: 'delete', entry: e })}
                />
              </Space>
            ),
        },
      ]}
    />
  );
}
