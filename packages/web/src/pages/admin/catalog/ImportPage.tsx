import { useMemo, useState } from 'react';
import { Alert, Button, Progress, Segmented, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { problemMessage } from '../../../api/problem';
import { catalogApi, type ImportRecordReport, type ImportReport } from '../../../api/catalog';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { formatNumber } from '../../../format';

type Phase = 'idle' | 'checking' | 'checked' | 'committing' | 'done' | 'failed';
const STATUS_COLOR: Record<ImportRecordReport['status'], string> = {
  NEW: 'blue',
  CHANGED: 'purple',
  UNCHANGED: 'default',
  INVALID: 'red',
};

function sizeLabel(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.ceil(bytes / 1024))} KB`
    : `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

/** The report a failed commit carries (422 CATALOG_IMPORT_INVALID has `report`). */
function reportOf(e: unknown): ImportReport | null {
  if (e instanceof ApiError) return ((e.problem as { report?: ImportReport }).report ?? null) as ImportReport | null;
  return null;
}

export default function ImportPage() {
  const t = useT();
  usePageTitle(t('import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<'all' | 'problems' | ImportRecordReport['status']>('all');

  const run = async (dryRun: boolean) => {
    if (!file) {
      setError(t('import.chooseFirst'));
      return;
    }
    setError(null);
    setProgress(0);
    setPhase(dryRun ? 'checking' : 'committing');
    try {
      const r = await catalogApi.importFile(file, dryRun, setProgress);
      setReport(r);
      setPhase(dryRun ? 'checked' : 'done');
    } catch (e) {
      const r = reportOf(e);
      if (r) setReport(r);
      setError(dryRun ? problemMessage(e, t) : `${t('import.failed')} ${problemMessage(e, t)}`);
      setPhase(dryRun ? 'idle' : 'failed');
    }
  };

  const reset = () => {
    setFile(null);
    setReport(null);
    setError(null);
    setPhase('idle');
    setFilter('all');
  };

  const records = useMemo(() => {
    const all = report?.records ?? [];
    if (filter === 'all') return all;
    if (filter === 'problems') return all.filter((r) => r.errors.length || r.warnings.length);
    return all.filter((r) => r.status === filter);
  }, [report, filter]);

  const busy = phase === 'checking' || phase === 'committing';
  const step = phase === 'idle' || phase === 'checking' ? 0 : phase === 'checked' ? 1 : 2;
  const pct = Math.round(progress * 100);

  return (
    <>
      <Link to="/quan-tri/thu-tuc">{t('proc.back')}</Link>
      <Typography.Title level={1} className="page-title">
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
      <Steps
        current={step}
        items={[{ title: t('import.step1') }, { title: t('import.step2') }, { title: t('import.step3') }]}
        style={{ marginBottom: 24, maxWidth: 720 }}
      />

      {(phase === 'idle' || phase === 'checking') && (
        <>
          <Upload.Dragger
            accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(f) => {
              setFile(f);
              setError(null);
              return false;
            }}
            style={{ maxWidth: 720 }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
          {file && (
            <p style={{ marginTop: 12 }}>{t('import.chosen', { name: file.name, size: sizeLabel(file.size) })}</p>
          )}
          <Button
            type="primary"
            icon={<UploadOutlined aria-hidden />}
            onClick={() => run(true)}
            loading={busy}
            disabled={!file}
            style={{ marginTop: 12 }}
          >
            {t('import.check')}
          </Button>
        </>
      )}

      {busy && (
        <div role="status" aria-live="polite" style={{ maxWidth: 720, marginTop: 16 }}>
          <Progress percent={progress < 1 ? pct : 99} status="active" aria-label={t('import.writing')} />
          <span>
            {progress < 1
              ? t('import.uploading', { pct })
              : phase === 'checking'
                ? t('import.checking')
                : t('import.writing')}
          </span>
        </div>
      )}

      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 16, maxWidth: 960 }} />}

      {phase === 'done' && report && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('import.done', {
            created: formatNumber(report.created),
            changed: formatNumber(report.changed),
            unchanged: formatNumber(report.unchanged),
          })}
          style={{ marginBottom: 16 }}
        />
      )}

      {report && (
        <section aria-labelledby="import-report" style={{ marginTop: 16 }}>
          <Typography.Title level={2} id="import-report" style={{ fontSize: 18 }}>
            {t('import.reportTitle')}
          </Typography.Title>
          {report.dryRun && phase === 'checked' && (
            <Typography.Paragraph type="secondary">{t('import.dryRunNote')}</Typography.Paragraph>
          )}
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Statistic title={t('import.total')} value={formatNumber(report.total)} />
            <Statistic title={t('import.valid')} value={formatNumber(report.valid)} />
            <Statistic
              title={t('import.invalid')}
              value={formatNumber(report.invalid)}
              styles={{ content: report.invalid ? { color: '#a8071a' } : undefined }}
            />
            <Statistic title={t('import.created')} value={formatNumber(report.created)} />
            <Statistic title={t('import.changed')} value={formatNumber(report.changed)} />
            <Statistic title={t('import.unchanged')} value={formatNumber(report.unchanged)} />
          </Space>
          <div className="toolbar">
            <span id="import-filter-label">{t('import.filter')}</span>
            <Segmented
              aria-labelledby="import-filter-label"
              value={filter}
              onChange={(v) => setFilter(v as typeof filter)}
              options={[
                { value: 'all', label: t('import.filterAll') },
                { value: 'problems', label: t('import.filterProblems') },
                ...(['NEW', 'CHANGED', 'UNCHANGED', 'INVALID'] as const).map((s) => ({
                  value: s,
                  label: t(`ca.importStatus.${s}`),
                })),
              ]}
            />
          </div>
          <Table<ImportRecordReport>
            rowKey={(r) => `${r.code}-${report.records.indexOf(r)}`}
            size="small"
            dataSource={records}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            caption={<span className="visually-hidden">{t('import.recordsCaption')}</span>}
            columns={[
              { title: '#', key: 'i', width: 60, render: (_, r) => report.records.indexOf(r) + 1 },
              { title: t('proc.code'), dataIndex: 'code', width: 110 },
              {
                title: t('import.status'),
                dataIndex: 'status',
                width: 130,
                render: (s: ImportRecordReport['status']) => (
                  <Tag color={STATUS_COLOR[s]}>{t(`ca.importStatus.${s}`)}</Tag>
                ),
              },
              {
                title: t('import.errors'),
                key: 'errors',
                render: (_, r) =>
                  r.errors.length ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {r.errors.map((e, i) => (
                        <li key={i}>
                          <code>{e.field}</code>: {e.message}
                        </li>
                      ))}
                    </ul>
                  ) : null,
              },
              { title: t('import.warnings'), key: 'warnings', render: (_, r) => r.warnings.join('; ') },
            ]}
          />
          <Space style={{ marginTop: 16 }} wrap>
            {phase === 'checked' && (
              <>
                <Button type="primary" onClick={() => run(false)} disabled={report.invalid > 0}>
                  {t('import.commit')}
                </Button>
                {report.invalid > 0 && <Typography.Text type="danger">{t('import.commitDisabled')}</Typography.Text>}
              </>
            )}
            {!busy && <Button onClick={reset}>{t('import.restart')}</Button>}
            {phase === 'done' && (
              <Link to="/quan-tri/thu-tuc">
                <Button>{t('import.toList')}</Button>
              </Link>
            )}
          </Space>
        </section>
      )}
    </>
  );
}
