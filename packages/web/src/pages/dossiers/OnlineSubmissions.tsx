import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { problemMessage } from '../../api/problem';
import { dossiersApi, isDetail, type Dossier, type DossierActionType, type DossierSummary } from '../../api/dossiers';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { ActionModal } from './ActionModal';
import { DossierTable } from './DossierTable';
import { StatusTag } from './Tags';
import { vnDueAt } from '../../vnTime';

const ACTIONS: DossierActionType[] = ['RECEIVE', 'GUIDE_TO_COMPLETE', 'REFUSE_RECEPTION'];

/** Online submissions waiting at the unit (SUBMITTED): receive with the checklist, guide to complete, or refuse. */
export function OnlineSubmissions() {
  const t = useT();
  const { message } = App.useApp();
  const { unit } = useWorkingUnit();
  const [reload, setReload] = useState(0);
  const [current, setCurrent] = useState<{ dossier: Dossier; type: DossierActionType } | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [received, setReceived] = useState<Dossier | null>(null);

  const open = async (row: DossierSummary, type: DossierActionType) => {
    setOpening(`${row.id}|${type}`);
    try {
      const d = await dossiersApi.get(row.id);
      if (!d.allowedActions.includes(type)) {
        message.info(t('ds.online.notAllowed'));
        setReload((n) => n + 1);
      } else setCurrent({ dossier: d, type });
    } catch (e) {
      message.error(problemMessage(e, t));
    } finally {
      setOpening(null);
    }
  };

  const columns: ColumnsType<DossierSummary> = [
    {
      title: t('ds.applicant'),
      key: 'applicant',
      render: (_, d) => (
        <Link to={`/ho-so/${d.id}`} aria-label={t('ds.online.open', { name: d.applicantName })}>
          {d.applicantName}
        </Link>
      ),
    },
    {
      title: t('ds.procedure'),
      key: 'procedure',
      render: (_, d) => (
        <>
          <div>{d.procedureName ?? d.procedureCode}</div>
          <div className="ds-muted" style={{ fontSize: 12 }}>
            {d.procedureCode}
          </div>
        </>
      ),
    },
    {
      title: t('ds.status'),
      key: 'status',
      width: 200,
      render: (_, d) => <StatusTag state={d.state} statusCode={d.statusCode} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 360,
      render: (_, d) => (
        <Space wrap size={6}>
          {ACTIONS.map((type) => (
            <Button
              key={type}
              size="small"
              type={type === 'RECEIVE' ? 'primary' : 'default'}
              danger={type === 'REFUSE_RECEPTION'}
              loading={opening === `${d.id}|${type}`}
              aria-label={`${t(`ds.action.${type}`)} — ${d.applicantName}`}
              onClick={() => void open(d, type)}
            >
              {t(`ds.action.${type}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  const params = useMemo(() => (unit ? { view: 'unit' as const, unitId: unit.id, state: 'SUBMITTED' } : null), [unit]);
  if (!unit) return <Alert type="warning" showIcon title={t('ds.noUnit')} />;

  return (
    <>
      {received && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable
          onClose={() => setReceived(null)}
          style={{ marginBottom: 16 }}
          title={t('ds.online.received', { code: received.code ?? '', due: vnDueAt(received.dueAt) })}
          action={
            <Space>
              <Button
                size="small"
                icon={<PrinterOutlined aria-hidden />}
                href={dossiersApi.formUrl(received.id, 'receipt-slip', 'pdf')}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t('ds.rec.printReceipt')}
              </Button>
              <Link to={`/ho-so/${received.id}`}>
                <Button size="small">{t('ds.rec.openDossier')}</Button>
              </Link>
            </Space>
          }
        />
      )}
      <DossierTable
        params={params}
        columns={columns}
        caption={t('ds.online.caption')}
        emptyText={t('ds.online.empty')}
        reloadKey={reload}
      />
      <ActionModal
        dossier={current?.dossier ?? null}
        type={current?.type ?? null}
        onClose={() => setCurrent(null)}
        onDone={(d, type) => {
          setCurrent(null);
          if (type === 'RECEIVE' && isDetail(d)) setReceived(d);
          setReload((n) => n + 1);
        }}
        onConflict={() => {
          setCurrent(null);
          setReload((n) => n + 1);
        }}
      />
    </>
  );
}
