import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SwapRightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  PLAN_STATUSES,
  catalogApi,
  type PlanStatus,
  type SimplificationPlan,
  type SimplificationSummary,
} from '../../../api/catalog';
import { problemMessage } from '../../../api/problem';
import { useWorkingUnit } from '../../../auth/WorkingUnitContext';
import { latestOf } from '../../../components/latestVersion';
import { UnitSelect } from '../../../components/UnitSelect';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { DATE_FORMAT, formatDate, formatNumber, toIsoDate } from '../../../format';
import { PlanFormModal, TransitionModal } from './PlanFormModal';

const STATUS_COLOR: Record<PlanStatus, string> = {
  DRAFT: 'default',
  PROPOSED: 'blue',
  APPROVED: 'green',
  REJECTED: 'red',
  IMPLEMENTED: 'purple',
};
const pct = (n: number | null) => (n == null ? '—' : `${formatNumber(Math.round(n * 10) / 10)}%`);

export default function SimplificationPage() {
  const t = useT();
  usePageTitle(t('plan.title'));
  const { unit: workingUnit } = useWorkingUnit();
  const [unitId, setUnitId] = useState<string | null>(workingUnit?.id ?? null);
  const [status, setStatus] = useState<PlanStatus | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs().endOf('year')]);
  const [plans, setPlans] = useState<SimplificationPlan[]>([]);
  const [summary, setSummary] = useState<SimplificationSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<SimplificationPlan | 'new' | null>(null);
  const [moving, setMoving] = useState<SimplificationPlan | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    catalogApi
      .plans({ unitId: unitId ?? undefined, status, limit: 100 })
      .then(
        (p) => setPlans(p.items),
        (e: unknown) => setError(problemMessage(e, t)),
      )
      .finally(() => setLoading(false));
    if (unitId)
      catalogApi.summary(unitId, toIsoDate(range[0]), toIsoDate(range[1])).then(setSummary, () => setSummary(null));
    else setSummary(null);
  }, [unitId, status, range, t]);
  useEffect(load, [load]);

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('plan.title')}
      </Typography.Title>
      <div className="toolbar">
        <label htmlFor="plan-unit">{t('plan.unit')}</label>
        <div style={{ width: 340 }}>
          <UnitSelect
            id="plan-unit"
            allowClear
            value={unitId}
            initialOptions={workingUnit ? [workingUnit] : undefined}
            onChange={(v) => setUnitId((v as string | null) ?? null)}
          />
        </div>
        <label htmlFor="plan-period">{t('plan.period')}</label>
        <DatePicker.RangePicker
          id={{ start: 'plan-period' }}
          value={range}
          format={DATE_FORMAT}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          aria-label={t('plan.period')}
        />
        <Select
          aria-label={t('plan.filterStatus')}
          allowClear
          placeholder={t('plan.allStatuses')}
          style={{ width: 180 }}
          value={status}
          onChange={setStatus}
          options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`ca.planStatus.${s}`) }))}
        />
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('plan.create')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {summary && (
        <Card size="small" title={t('plan.summaryTitle')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph strong role="status">
            {summary.text}
          </Typography.Paragraph>
          <Space size="large" wrap>
            <Statistic
              title={t('plan.processesCut')}
              value={`${formatNumber(summary.internalProcesses.cut)}/${formatNumber(summary.internalProcesses.total)} (${pct(summary.internalProcesses.cutPct)})`}
            />
            <Statistic
              title={t('plan.stepsCut')}
              value={`${formatNumber(summary.steps.before)} → ${formatNumber(summary.steps.after)} (${pct(summary.steps.cutPct)})`}
            />
            <Statistic
              title={t('plan.hoursCut')}
              value={`${formatNumber(summary.hours.before)} → ${formatNumber(summary.hours.after)} (${pct(summary.hours.cutPct)})`}
            />
            <Statistic
              title={t('plan.costCut')}
              value={`${formatNumber(summary.complianceCost.annualCostBefore)} → ${formatNumber(summary.complianceCost.annualCostAfter)} đ (${pct(summary.complianceCost.reductionRate)})`}
            />
          </Space>
        </Card>
      )}
      <Table<SimplificationPlan>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={plans}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('plan.empty') }}
        caption={<span className="visually-hidden">{t('plan.caption')}</span>}
        columns={[
          { title: t('plan.procedureCode'), dataIndex: 'procedureCode', width: 100 },
          { title: t('plan.titleField'), dataIndex: 'title' },
          {
            title: `${t('plan.steps')} / ${t('plan.hours')}`,
            key: 'sh',
            width: 170,
            render: (_, p) =>
              `${p.before.steps ?? '—'} → ${p.after.steps ?? '—'}; ${p.before.hours != null ? formatNumber(p.before.hours) : '—'} → ${p.after.hours != null ? formatNumber(p.after.hours) : '—'} giờ`,
          },
          {
            title: t('plan.documents'),
            key: 'd',
            width: 100,
            render: (_, p) => `${p.before.documents ?? '—'} → ${p.after.documents ?? '—'}`,
          },
          {
            title: t('plan.annualCostBefore'),
            dataIndex: 'annualCostBefore',
            align: 'right',
            width: 140,
            render: (n: number) => `${formatNumber(n)} đ`,
          },
          {
            title: t('plan.annualCostAfter'),
            dataIndex: 'annualCostAfter',
            align: 'right',
            width: 140,
            render: (n: number) => `${formatNumber(n)} đ`,
          },
          { title: t('plan.reductionRate'), dataIndex: 'reductionRate', align: 'right', width: 90, render: pct },
          {
            title: t('plan.status'),
            dataIndex: 'status',
            width: 130,
            render: (s: PlanStatus) => <Tag color={STATUS_COLOR[s]}>{t(`ca.planStatus.${s}`)}</Tag>,
          },
          {
            title: t('plan.decision'),
            key: 'dec',
            width: 160,
            render: (_, p) =>
              p.decisionNo ? `${p.decisionNo}${p.decisionDate ? ` (${formatDate(p.decisionDate)})` : ''}` : '—',
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 100,
            render: (_, p) => (
              <Space size={0}>
                <Button
                  type="text"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={t('plan.editPlan', { title: p.title })}
                  disabled={p.status !== 'DRAFT'}
                  onClick={() => setEditing(p)}
                />
                <Button
                  type="text"
                  icon={<SwapRightOutlined aria-hidden />}
                  aria-label={t('plan.transitionPlan', { title: p.title })}
                  disabled={!['DRAFT', 'PROPOSED', 'APPROVED'].includes(p.status)}
                  onClick={() => setMoving(p)}
                />
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <PlanFormModal
          plan={latestOf(editing, plans)}
          defaultUnitId={unitId}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
          }}
          onConflict={load}
        />
      )}
      {moving && (
        <TransitionModal
          plan={latestOf(moving, plans) ?? moving}
          onClose={() => setMoving(null)}
          onDone={() => {
            setMoving(null);
            load();
          }}
          onConflict={load}
        />
      )}
    </>
  );
}
