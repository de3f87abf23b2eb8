import { useCallback, useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Space, Spin, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { AuditEntry, Unit, UnitDetail, UnitRef } from '../../../api/types';
import { unitsApi } from '../../../api/units';
import { useT } from '../../../i18n';
import { formatDateTime, formatNumber } from '../../../format';
import { LoadError } from '../../../auth/guards';
import { validityText } from './columns';
import { UnitFormModal } from './UnitFormModal';

interface Props {
  unitId: string | null;
  onClose: () => void;
  /** Open another unit (parent, predecessor, successor) in the drawer. */
  onNavigate: (id: string) => void;
  onChanged: (unit: Unit) => void;
}

export function UnitDetailDrawer({ unitId, onClose, onNavigate, onChanged }: Props) {
  const t = useT();
  const [detail, setDetail] = useState<UnitDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!unitId) return;
    let current = true;
    setError(null);
    unitsApi
      .get(unitId)
      .then((d) => current && setDetail(d))
      .catch((e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [unitId, tick]);

  useEffect(() => {
    if (!unitId) setDetail(null);
  }, [unitId]);

  const shown = detail && detail.id === unitId ? detail : null;

  const refLinks = (refs: UnitRef[]) =>
    refs.length === 0 ? (
      t('common.none')
    ) : (
      <Space orientation="vertical" size={2}>
        {refs.map((r) => (
          <Button key={r.id} type="link" className="link-button" onClick={() => onNavigate(r.id)}>
            {`${r.name} (${r.code}) · ${validityText(t, r.validFrom, r.validTo)}`}
          </Button>
        ))}
      </Space>
    );

  return (
    <Drawer
      open={!!unitId}
      rootClassName="unit-detail-drawer"
      onClose={onClose}
      size={640}
      title={shown ? shown.name : t('units.detailTitle')}
      closable={{ 'aria-label': t('common.close') }}
      extra={
        shown && (
          <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {error != null ? (
        <LoadError error={error} onRetry={reload} />
      ) : !shown ? (
        <Spin />
      ) : (
        <>
          <Descriptions column={1} bordered size="small" styles={{ label: { width: 190 } }}>
            <Descriptions.Item label={t('units.code')}>{shown.code}</Descriptions.Item>
            <Descriptions.Item label={t('units.name')}>
              <span data-testid="unit-detail-name">{shown.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('units.shortName')}>{shown.shortName ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('units.type')}>{t(`unitType.${shown.type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('units.parent')}>
              {shown.parent ? refLinks([shown.parent]) : t('units.noParent')}
            </Descriptions.Item>
            <Descriptions.Item label={t('units.validity')}>
              {validityText(t, shown.validFrom, shown.validTo)}
            </Descriptions.Item>
            <Descriptions.Item label={t('units.childCount')}>{formatNumber(shown.childCount)}</Descriptions.Item>
            <Descriptions.Item label={t('units.predecessors')}>{refLinks(shown.predecessors)}</Descriptions.Item>
            <Descriptions.Item label={t('units.successors')}>{refLinks(shown.successors)}</Descriptions.Item>
            <Descriptions.Item label={t('units.version')}>{shown.version}</Descriptions.Item>
          </Descriptions>

          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {t('units.history')}
          </Typography.Title>
          {shown.history.length === 0 ? (
            <Empty description={t('units.noHistory')} />
          ) : (
            <Table<AuditEntry>
              size="small"
              rowKey={(h) => `${h.at}|${h.action}|${h.summary}`}
              pagination={shown.history.length > 10 ? { pageSize: 10 } : false}
              dataSource={shown.history}
              columns={[
                { title: t('units.historyAt'), key: 'at', width: 140, render: (_, h) => formatDateTime(h.at) },
                { title: t('units.historyActor'), dataIndex: 'actor', key: 'actor', width: 120 },
                { title: t('units.historyAction'), dataIndex: 'action', key: 'action', width: 120 },
                { title: t('units.historySummary'), dataIndex: 'summary', key: 'summary' },
              ]}
            />
          )}
        </>
      )}
      <UnitFormModal
        open={editing && !!shown}
        unit={shown}
        onClose={() => setEditing(false)}
        onSaved={(u) => {
          setEditing(false);
          reload();
          onChanged(u);
        }}
        onConflict={reload}
      />
    </Drawer>
  );
}
