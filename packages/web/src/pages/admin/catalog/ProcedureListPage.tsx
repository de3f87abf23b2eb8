import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import {
  DownloadOutlined,
  LeftOutlined,
  PlusOutlined,
  RightOutlined,
  UploadOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { formatNumber } from '../../../format';
import { problemMessage } from '../../../api/problem';
import { useWorkingUnit } from '../../../auth/WorkingUnitContext';
import { UnitSelect } from '../../../components/UnitSelect';
import {
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  catalogApi,
  type MissingProcessReport,
  type OnlineLevel,
  type ProcedureLevel,
  type ProcedureSummary,
} from '../../../api/catalog';
import { methodsTimeLabel } from './labels';
import { useProcedureDetails } from './useProcedureDetails';
import { CreateProcedureModal } from './CreateProcedureModal';

const PAGE_SIZE = 20;

export default function ProcedureListPage() {
  const t = useT();
  usePageTitle(t('proc.listTitle'));
  const navigate = useNavigate();
  const { unit: workingUnit } = useWorkingUnit();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? undefined;
  const level = (params.get('level') as ProcedureLevel | null) ?? undefined;
  const onlineLevel = (params.get('online') as OnlineLevel | 'UNKNOWN' | null) ?? undefined;
  const [unitId, setUnitId] = useState<string | null>(params.get('unit'));
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [pageIdx, setPageIdx] = useState(0);
  const [items, setItems] = useState<ProcedureSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<{ field: string; count: number }[]>([]);
  const [missing, setMissing] = useState<MissingProcessReport | null>(null);
  const statusUnitId = unitId ?? workingUnit?.id ?? null;
  const [creating, setCreating] = useState(false);

  const setParam = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  useEffect(() => {
    catalogApi.fields().then(
      (r) => setFields(r.items),
      () => setFields([]),
    );
  }, []);

  useEffect(() => {
    setCursors([null]);
    setPageIdx(0);
  }, [q, field, level, onlineLevel, unitId]);

  const cursor = cursors[pageIdx] ?? null;
  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    catalogApi
      .list(
        { q: q || undefined, field, level, onlineLevel, unitId: unitId ?? undefined, limit: PAGE_SIZE, cursor },
        ac.signal,
      )
      .then((page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
      })
      .catch((e: unknown) => {
        if (!ac.signal.aborted) setError(problemMessage(e, t));
      })
      .finally(() => !ac.signal.aborted && setLoading(false));
    return () => ac.abort();
  }, [q, field, level, onlineLevel, unitId, cursor, t]);

  useEffect(() => {
    setMissing(null);
    if (!statusUnitId) return;
    catalogApi.missingProcesses(statusUnitId).then(setMissing, () => setMissing(null));
  }, [statusUnitId]);

  const details = useProcedureDetails(items.map((i) => i.code));
  const missingByCode = useMemo(() => new Map((missing?.items ?? []).map((m) => [m.code, m])), [missing]);

  const processStatus = (code: string) => {
    const m = missingByCode.get(code);
    if (m)
      return m.hasDraft ? (
        <Tag color="purple">{t('ca.processStatus.DRAFT')}</Tag>
      ) : (
        <Tag color="red">{t('ca.processStatus.MISSING')}</Tag>
      );
    const d = details[code];
    if (!d || !missing || !statusUnitId) return null;
    const applies = d.units.some((u) => u.id === statusUnitId) || d.delegations.some((x) => x.unitId === statusUnitId);
    return applies ? (
      <Tag color="green">{t('ca.processStatus.APPROVED')}</Tag>
    ) : (
      <span>{t('ca.processStatus.NA')}</span>
    );
  };

  const statusTitle =
    unitId || !workingUnit ? t('proc.processStatusShort') : t('proc.processStatus', { unit: workingUnit.name });
  const columns: ColumnsType<ProcedureSummary> = [
    { title: t('proc.code'), dataIndex: 'code', width: 100 },
    {
      title: t('proc.name'),
      dataIndex: 'name',
      width: 340,
      render: (name: string, r) => (
        <Link to={`/quan-tri/thu-tuc/${r.code}`} aria-label={t('proc.open', { name })}>
          {name}
        </Link>
      ),
    },
    { title: t('proc.field'), dataIndex: 'field', width: 160 },
    {
      title: t('proc.levels'),
      dataIndex: 'levels',
      width: 110,
      render: (ls: ProcedureLevel[]) => ls.map((l) => t(`ca.level.${l}`)).join(', '),
    },
    {
      title: t('proc.time'),
      key: 'time',
      width: 150,
      render: (_, r) => (details[r.code] ? methodsTimeLabel(details[r.code]!.methods, t) : ''),
    },
    {
      title: t('proc.onlineLevel'),
      dataIndex: 'onlineLevel',
      width: 120,
      render: (v: OnlineLevel | null) => t(v ? `ca.onlineLevel.${v}` : 'ca.onlineLevel.UNKNOWN'),
    },
    {
      title: t('proc.versions'),
      key: 'versions',
      width: 90,
      align: 'right',
      render: (_, r) => (details[r.code] ? formatNumber(details[r.code]!.currentVersion.seq) : ''),
    },
    { title: statusTitle, key: 'process', width: 150, render: (_, r) => processStatus(r.code) },
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('proc.listTitle')}
      </Typography.Title>
      <div className="toolbar">
        <label htmlFor="proc-q" className="visually-hidden">
          {t('proc.search')}
        </label>
        <Input.Search
          id="proc-q"
          defaultValue={q}
          placeholder={t('proc.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(v) => setParam('q', v.trim())}
          style={{ width: 380, maxWidth: '100%' }}
        />
        <span style={{ flex: 1 }} />
        <Link to="/quan-tri/thu-tuc/chua-co-quy-trinh">
          <Button icon={<WarningOutlined aria-hidden />}>{t('proc.missingReport')}</Button>
        </Link>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('proc.create')}
        </Button>
        <CreateProcedureModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(code) => navigate(`/quan-tri/thu-tuc/${encodeURIComponent(code)}`)}
        />
        <Button type="primary" icon={<UploadOutlined aria-hidden />} onClick={() => navigate('/quan-tri/thu-tuc/nhap')}>
          {t('proc.import')}
        </Button>
        {statusUnitId && (
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={catalogApi.exportUrl(statusUnitId)}
            title={unitId ? undefined : t('proc.exportHelp', { unit: workingUnit?.name ?? '' })}
          >
            {t('proc.export')}
          </Button>
        )}
      </div>
      <div className="toolbar">
        <Space wrap>
          <Select
            aria-label={t('proc.filterField')}
            style={{ width: 240 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('proc.allFields')}
            value={field}
            onChange={(v?: string) => setParam('field', v)}
            options={fields.map((f) => ({ value: f.field, label: `${f.field} (${formatNumber(f.count)})` }))}
          />
          <Select
            aria-label={t('proc.filterLevel')}
            style={{ width: 160 }}
            allowClear
            placeholder={t('proc.allLevels')}
            value={level}
            onChange={(v?: string) => setParam('level', v)}
            options={PROCEDURE_LEVELS.map((l) => ({ value: l, label: t(`ca.level.${l}`) }))}
          />
          <Select
            aria-label={t('proc.filterOnline')}
            style={{ width: 180 }}
            allowClear
            placeholder={t('proc.allOnline')}
            value={onlineLevel}
            onChange={(v?: string) => setParam('online', v)}
            options={[...ONLINE_LEVELS, 'UNKNOWN' as const].map((l) => ({ value: l, label: t(`ca.onlineLevel.${l}`) }))}
          />
          <div style={{ width: 300 }}>
            <UnitSelect
              aria-label={t('missing.unit')}
              allowClear
              value={unitId}
              onChange={(v) => {
                const id = (v as string | null) ?? null;
                setUnitId(id);
                setParam('unit', id);
              }}
            />
          </div>
        </Space>
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Table<ProcedureSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('proc.empty') }}
        caption={<span className="visually-hidden">{t('proc.tableCaption')}</span>}
        scroll={{ x: 1300 }}
      />
      <nav
        aria-label={t('proc.tableCaption')}
        style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginTop: 12, alignItems: 'center' }}
      >
        <Button
          icon={<LeftOutlined aria-hidden />}
          disabled={pageIdx === 0 || loading}
          onClick={() => setPageIdx((i) => i - 1)}
        >
          {t('proc.prevPage')}
        </Button>
        <span aria-live="polite">{t('proc.page', { n: pageIdx + 1 })}</span>
        <Button
          disabled={!nextCursor || loading}
          onClick={() => {
            setCursors((cs) => [...cs.slice(0, pageIdx + 1), nextCursor]);
            setPageIdx((i) => i + 1);
          }}
        >
          {t('proc.nextPage')} <RightOutlined aria-hidden />
        </Button>
      </nav>
    </>
  );
}
