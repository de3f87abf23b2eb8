import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Form, Input, Modal, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { HistoryOutlined, LockOutlined } from '@ant-design/icons';
import { frozenResultsApi, type FrozenResult, type FrozenVersion, type RankingRow } from '../../api/serviceIndex';
import { ApiError } from '../../api/client';
import { applyProblemToForm, problemMessage } from '../../api/problem';
import { LoadError } from '../../auth/guards';
import { useAuth } from '../../auth/AuthContext';
import { formatDate, formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { fmtPct, fmtScore } from './format';
import { periodLabel } from './period';
import { RankingTable } from './RankingTable';
import { useUnitFilter } from './UnitFilter';
import { useLoad } from './useLoad';

/** Roles holding serviceIndex.freeze (packages/domain/src/access/roles.ts). */
const FREEZE_ROLES = ['REFORM_OFFICER', 'SYSTEM_ADMIN'] as const;
const REASON_MAX = 2000;

interface Props {
  /** The period key of the page (a finished period). */
  period: string;
  /** The root of the ranked table. */
  unitId: string;
  unitName: string;
}

/**
 * A finished period's frozen results ("chốt kết quả", service-index-766 §6): whether a version exists, the
 * "Chốt kết quả" button (asks the reason when a version exists already) and the versions, each opened read-only.
 */
export function FrozenResults({ period, unitId, unitName }: Props) {
  const t = useT();
  const { hasRole } = useAuth();
  const { message } = AntApp.useApp();
  const canFreeze = hasRole(...FREEZE_ROLES);
  const { data, error, reload } = useLoad(
    (signal) => frozenResultsApi.list({ period, unitId }, signal),
    [period, unitId],
  );
  const [freezing, setFreezing] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const versions = data && data.period.key === period ? data.versions : [];
  const latest = versions[versions.length - 1];

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  return (
    <section aria-labelledby="si-frozen-title" className="si-frozen">
      <h2 id="si-frozen-title" className="visually-hidden">
        {t('sif.title')}
      </h2>
      <Alert
        type={latest ? 'success' : 'info'}
        showIcon
        icon={latest ? <LockOutlined aria-hidden /> : undefined}
        title={
          latest
            ? t('sif.frozen', { version: latest.version, date: formatDate(latest.createdAt) })
            : t('sif.notFrozen', { period: periodLabel(period, t) })
        }
        description={latest ? t('sif.frozenBy', { name: latest.createdBy.name }) : t('sif.notFrozenHint')}
        action={
          <Space wrap>
            {canFreeze && (
              <Button type="primary" icon={<LockOutlined aria-hidden />} onClick={() => setFreezing(true)}>
                {t('sif.freeze')}
              </Button>
            )}
            {versions.length > 0 && (
              <Button icon={<HistoryOutlined aria-hidden />} onClick={() => setDrawer(true)}>
                {t('sif.versions', { n: versions.length })}
              </Button>
            )}
          </Space>
        }
        style={{ marginBottom: 16 }}
      />
      {freezing && (
        <FreezeModal
          period={period}
          unitId={unitId}
          unitName={unitName}
          latest={latest}
          onClose={() => setFreezing(false)}
          onDone={(v) => {
            setFreezing(false);
            void message.success(t('sif.done', { version: v.version }));
            reload();
          }}
        />
      )}
      <VersionsDrawer
        open={drawer}
        onClose={() => setDrawer(false)}
        period={period}
        unitId={unitId}
        unitName={unitName}
        versions={versions}
      />
    </section>
  );
}

function FreezeModal(props: {
  period: string;
  unitId: string;
  unitName: string;
  latest: FrozenVersion | undefined;
  onClose: () => void;
  onDone: (v: FrozenVersion) => void;
}) {
  const { period, unitId, unitName, latest, onClose, onDone } = props;
  const t = useT();
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonRequired = !!latest;

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const v = await frozenResultsApi.freeze({ period, unitId, reason: reason?.trim() ? reason : undefined });
      onDone(v);
    } catch (e) {
      const unmatched = applyProblemToForm(form, e, ['reason']);
      const fieldOnly = e instanceof ApiError && e.problem.errors?.some((x) => x.field === 'body.reason');
      setError(fieldOnly ? null : [problemMessage(e, t), ...unmatched].join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('sif.modalTitle', { period: periodLabel(period, t) })}
      okText={t('sif.freeze')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>
        {latest
          ? t('sif.modalAgain', { unit: unitName, version: latest.version, next: latest.version + 1 })
          : t('sif.modalFirst', { unit: unitName })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={reasonRequired}>
        <Form.Item
          name="reason"
          label={reasonRequired ? t('sif.reason') : t('sif.reasonOptional')}
          rules={[
            { required: reasonRequired, whitespace: true, message: t('sif.reasonRequired') },
            { max: REASON_MAX, message: t('sif.reasonMax', { max: REASON_MAX }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={REASON_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VersionsDrawer(props: {
  open: boolean;
  onClose: () => void;
  period: string;
  unitId: string;
  unitName: string;
  versions: FrozenVersion[];
}) {
  const { open, onClose, period, unitId, unitName, versions } = props;
  const t = useT();
  const [shown, setShown] = useState<number | null>(null);
  const { data, error, loading, reload } = useLoad<FrozenResult>(
    open && shown !== null ? (signal) => frozenResultsApi.read(shown, { period, unitId }, signal) : null,
    [open, shown, period, unitId],
  );
  const result = data && data.version === shown && data.period.key === period ? data : undefined;

  const columns: ColumnsType<FrozenVersion> = [
    { key: 'version', title: t('sif.col.version'), render: (_, v) => v.version, width: 90 },
    { key: 'at', title: t('sif.col.at'), render: (_, v) => formatDateTime(v.createdAt) },
    { key: 'by', title: t('sif.col.by'), render: (_, v) => v.createdBy.name },
    { key: 'reason', title: t('sif.col.reason'), render: (_, v) => v.reason ?? '—' },
    { key: 'asOf', title: t('sif.col.asOf'), render: (_, v) => formatDate(v.asOf) },
    {
      key: 'digest',
      title: t('sif.col.digest'),
      render: (_, v) => (
        <Typography.Text code title={v.digest}>
          {v.digest.slice(0, 12)}
        </Typography.Text>
      ),
    },
    {
      key: 'open',
      title: t('common.actions'),
      render: (_, v) => (
        <Button size="small" onClick={() => setShown(v.version)}>
          {t('sif.open', { version: v.version })}
        </Button>
      ),
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={() => {
        setShown(null);
        onClose();
      }}
      size={1100}
      title={t('sif.drawerTitle', { unit: unitName, period: periodLabel(period, t) })}
      destroyOnHidden
    >
      {shown === null ? (
        <Table<FrozenVersion>
          size="small"
          rowKey="version"
          columns={columns}
          dataSource={[...versions].reverse()}
          pagination={false}
          scroll={{ x: 'max-content' }}
          caption={<span className="visually-hidden">{t('sif.versionsCaption')}</span>}
        />
      ) : (
        <>
          <Button type="link" style={{ paddingInline: 0 }} onClick={() => setShown(null)}>
            {t('sif.back')}
          </Button>
          {error ? (
            <LoadError error={error} onRetry={reload} />
          ) : (
            <>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('sif.versionTitle', { version: shown })}
              </Typography.Title>
              {result && (
                <>
                  <Alert type="info" showIcon title={t('sif.readOnly')} style={{ marginBottom: 12 }} />
                  <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
                    <Descriptions.Item label={t('sif.col.at')}>{formatDateTime(result.createdAt)}</Descriptions.Item>
                    <Descriptions.Item label={t('sif.col.by')}>{result.createdBy.name}</Descriptions.Item>
                    <Descriptions.Item label={t('sif.col.reason')}>{result.reason ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('si.col.total')}>
                      {fmtScore(result.payload.unit.total)} / {fmtScore(result.payload.unit.max)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('si.col.onTime')}>
                      {fmtPct(result.payload.unit.onTimeRate)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('sif.col.asOf')}>{formatDate(result.asOf)}</Descriptions.Item>
                  </Descriptions>
                </>
              )}
              <FrozenTable rows={result?.payload.units} period={period} loading={loading || !result} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

const NO_ROWS: RankingRow[] = [];

/** The frozen ranking, read-only, with the same search and peer-set controls as the live one. */
function FrozenTable({ rows, period, loading }: { rows: RankingRow[] | undefined; period: string; loading: boolean }) {
  const { rows: shown, controls } = useUnitFilter(rows ?? NO_ROWS, true);
  return (
    <div className="si-frozen-table">
      <div className="si-toolbar">{controls}</div>
      <RankingTable rows={shown} period={period} loading={loading} />
    </div>
  );
}
