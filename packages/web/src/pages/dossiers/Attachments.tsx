import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Alert, Input, Progress, Select, Table, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { problemMessage } from '../../api/problem';
import {
  ATTACHMENT_PURPOSES,
  dossiersApi,
  type Attachment,
  type AttachmentPurpose,
  type DossierPaper,
} from '../../api/dossiers';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { vnDateTime } from '../../vnTime';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt';

function size(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10)} KB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

/**
 * The dossier's files (scans of the papers, supplements, result, postal receipt) and an upload form:
 * choosing a file uploads it at once (types are checked by the server from the content).
 */
export function Attachments({
  dossierId,
  papers,
  canUpload,
  defaultPurpose = 'COMPONENT',
  purposes = ATTACHMENT_PURPOSES,
  reloadKey,
  compact,
}: {
  dossierId: string;
  papers: DossierPaper[];
  canUpload: boolean;
  defaultPurpose?: AttachmentPurpose;
  purposes?: readonly AttachmentPurpose[];
  reloadKey?: unknown;
  compact?: boolean;
}) {
  const t = useT();
  const base = useId();
  const [items, setItems] = useState<Attachment[]>([]);
  const [loading, setLoading] = useState(true);
  const [unavailable, setUnavailable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [purpose, setPurpose] = useState<AttachmentPurpose>(defaultPurpose);
  const [paperIndex, setPaperIndex] = useState<number | null>(null);
  const [label, setLabel] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await dossiersApi.attachments(dossierId);
      setItems(r.items);
      setUnavailable(false);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) setUnavailable(true);
      else setError(problemMessage(e, t));
    } finally {
      setLoading(false);
    }
  }, [dossierId, t]);

  useEffect(() => {
    void load();
  }, [load, reloadKey]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setDone(null);
    setProgress(0);
    try {
      const withPaper = purpose === 'COMPONENT' || purpose === 'SUPPLEMENT';
      const a = await dossiersApi.upload(
        dossierId,
        file,
        { purpose, paperIndex: withPaper ? paperIndex : null, label: label.trim() || null },
        setProgress,
      );
      setDone(t('ds.att.uploaded', { name: a.label }));
      setLabel('');
      await load();
    } catch (e) {
      setError(problemMessage(e, t));
    } finally {
      setProgress(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const paperName = (i: number | null) => {
    if (i === null) return '';
    const p = papers.find((x) => x.index === i);
    const name = p ? p.name : '';
    return `${formatNumber(i + 1)}. ${name.length > 80 ? `${name.slice(0, 80)}…` : name}`;
  };

  if (unavailable) return <Typography.Paragraph type="secondary">{t('ds.att.unavailable')}</Typography.Paragraph>;

  return (
    <div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {done && <Alert type="success" showIcon role="status" title={done} style={{ marginBottom: 12 }} />}
      {canUpload && (
        <div className="toolbar" style={{ alignItems: 'flex-end' }}>
          <div>
            <label htmlFor={`${base}-purpose`} style={{ display: 'block' }}>
              {t('ds.att.purpose')}
            </label>
            <Select
              id={`${base}-purpose`}
              value={purpose}
              onChange={setPurpose}
              style={{ width: 220 }}
              options={purposes.map((p) => ({ value: p, label: t(`ds.att.purpose.${p}`) }))}
            />
          </div>
          {(purpose === 'COMPONENT' || purpose === 'SUPPLEMENT') && papers.length > 0 && (
            <div style={{ minWidth: 260, flex: 1 }}>
              <label htmlFor={`${base}-paper`} style={{ display: 'block' }}>
                {t('ds.att.paper')}
              </label>
              <Select
                id={`${base}-paper`}
                allowClear
                value={paperIndex}
                onChange={(v?: number | null) => setPaperIndex(v ?? null)}
                placeholder={t('ds.att.paperNone')}
                style={{ width: '100%' }}
                options={papers.map((p) => ({ value: p.index, label: paperName(p.index) }))}
              />
            </div>
          )}
          <div>
            <label htmlFor={`${base}-label`} style={{ display: 'block' }}>
              {t('ds.att.label')}
            </label>
            <Input
              id={`${base}-label`}
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              maxLength={255}
              style={{ width: 220 }}
            />
          </div>
          <div>
            <label htmlFor={`${base}-file`} style={{ display: 'block' }}>
              <PaperClipOutlined aria-hidden /> {t('ds.att.file')}
            </label>
            <input
              ref={fileRef}
              id={`${base}-file`}
              type="file"
              accept={ACCEPT}
              disabled={progress !== null}
              aria-describedby={`${base}-help`}
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
          </div>
          {progress !== null && (
            <Progress
              percent={Math.round(progress * 100)}
              size="small"
              style={{ width: 160 }}
              aria-label={t('ds.att.progress')}
            />
          )}
        </div>
      )}
      {canUpload && (
        <div id={`${base}-help`} className="ds-shortcut" style={{ marginBottom: 8 }}>
          {t('ds.att.help')}
        </div>
      )}
      <Table<Attachment>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('ds.att.empty') }}
        caption={<span className="visually-hidden">{t('ds.att.caption')}</span>}
        columns={[
          {
            title: t('ds.att.label'),
            key: 'label',
            render: (_, a) => (
              <a href={dossiersApi.attachmentUrl(a.id)} target="_blank" rel="noopener noreferrer">
                {a.label}
              </a>
            ),
          },
          { title: t('ds.att.purpose'), key: 'purpose', render: (_, a) => t(`ds.att.purpose.${a.purpose}`) },
          ...(compact
            ? []
            : [
                {
                  title: t('ds.att.paper'),
                  key: 'paper',
                  render: (_: unknown, a: Attachment) => paperName(a.paperIndex),
                },
              ]),
          { title: t('ds.att.size'), key: 'size', align: 'right' as const, render: (_, a) => size(a.sizeBytes) },
          { title: t('ds.att.uploadedAt'), key: 'at', render: (_, a) => vnDateTime(a.uploadedAt) },
        ]}
      />
    </div>
  );
}
