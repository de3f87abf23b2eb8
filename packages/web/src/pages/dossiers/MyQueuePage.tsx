import { useMemo, useState } from 'react';
import { App, Button, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { problemMessage } from '../../api/problem';
import { dossiersApi, type Dossier, type DossierSummary } from '../../api/dossiers';
import { useAuth } from '../../auth/AuthContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { ActionModal } from './ActionModal';
import { DossierTable, useDossierColumns } from './DossierTable';
import { QueueFilters, useQueueFilters } from './QueueFilters';

const RESOLVABLE = new Set(['RECEIVED', 'ASSIGNED', 'IN_STEP', 'HANDED_OFF', 'SENT_BACK']);

/**
 * "Hồ sơ của tôi": the dossiers whose open step is assigned to me (view=assigned). A leader gets a
 * quick-approval column (RESOLVE from the list, same form as on the dossier page).
 */
export default function MyQueuePage() {
  const t = useT();
  usePageTitle(t('ds.mine.title'));
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const leader = hasRole('UNIT_LEADER');
  const [filters, set] = useQueueFilters('active');
  const [reload, setReload] = useState(0);
  const [approving, setApproving] = useState<Dossier | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  const quickApprove = async (row: DossierSummary) => {
    setOpening(row.id);
    try {
      const d = await dossiersApi.get(row.id);
      if (!d.allowedActions.includes('RESOLVE')) message.info(t('ds.mine.cannotResolve'));
      else setApproving(d);
    } catch (e) {
      message.error(problemMessage(e, t));
    } finally {
      setOpening(null);
    }
  };

  const extra: ColumnsType<DossierSummary> = leader
    ? [
        {
          title: t('ds.mine.quick'),
          key: 'quick',
          width: 150,
          render: (_, d) =>
            RESOLVABLE.has(d.state) ? (
              <Button
                size="small"
                type="primary"
                icon={<CheckOutlined aria-hidden />}
                loading={opening === d.id}
                aria-label={t('ds.mine.quickLabel', { code: d.code ?? t('ds.noCode') })}
                onClick={() => void quickApprove(d)}
              >
                {t('ds.mine.quick')}
              </Button>
            ) : null,
        },
      ]
    : [];
  const columns = useDossierColumns(extra);
  const params = useMemo(
    () => ({ view: 'assigned' as const, q: filters.q, state: filters.state }),
    [filters.q, filters.state],
  );

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('ds.mine.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {leader ? t('ds.mine.introLeader') : t('ds.mine.intro')}
      </Typography.Paragraph>
      <QueueFilters values={filters} set={set} />
      <DossierTable
        params={params}
        columns={columns}
        caption={t('ds.mine.title')}
        reloadKey={reload}
        emptyText={t('ds.mine.empty')}
      />
      <ActionModal
        dossier={approving}
        type={approving ? 'RESOLVE' : null}
        onClose={() => setApproving(null)}
        onDone={() => {
          setApproving(null);
          setReload((n) => n + 1);
        }}
        onConflict={() => {
          setApproving(null);
          setReload((n) => n + 1);
        }}
      />
    </>
  );
}
