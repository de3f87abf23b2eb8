import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { catalogApi, type ProcedureDetail } from '../../../api/catalog';
import { problemMessage } from '../../../api/problem';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { formatDate } from '../../../format';
import { ProcedureForm } from './ProcedureForm';
import { VersionHistory } from './VersionHistory';
import { InternalProcessTab } from './InternalProcessTab';
import { DelegationsTab } from './DelegationsTab';
import { forgetProcedure } from './useProcedureDetails';
import { methodsTimeLabel } from './labels';

export default function ProcedurePage() {
  const t = useT();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'content';
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  usePageTitle(procedure ? `${procedure.code} ${procedure.name}` : t('proc.listTitle'));

  const load = useCallback(() => {
    setError(null);
    catalogApi.get(code).then(setProcedure, (e: unknown) => setError(problemMessage(e, t)));
  }, [code, t]);
  useEffect(load, [load]);

  const saved = (p: ProcedureDetail) => {
    forgetProcedure(p.code);
    setProcedure(p);
    setReloadKey((k) => k + 1);
  };

  const back = (
    <Link to="/quan-tri/thu-tuc">
      <Button type="link" icon={<ArrowLeftOutlined aria-hidden />} style={{ paddingInline: 0 }}>
        {t('proc.back')}
      </Button>
    </Link>
  );
  if (error)
    return (
      <>
        {back}
        <Alert type="error" showIcon role="alert" title={error} />
      </>
    );
  if (!procedure) return <Spin />;

  const v = procedure.currentVersion;
  return (
    <>
      {back}
      <Typography.Title level={1} className="page-title">
        {procedure.code} — {procedure.name}
      </Typography.Title>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'field', label: t('proc.field'), children: procedure.field },
          {
            key: 'levels',
            label: t('proc.levels'),
            children: procedure.levels.map((l) => t(`ca.level.${l}`)).join(', '),
          },
          { key: 'time', label: t('proc.time'), children: methodsTimeLabel(procedure.methods, t) || t('common.none') },
          {
            key: 'version',
            label: t('proc.seq'),
            children: (
              <>
                {t('proc.currentVersion', { seq: v.seq, from: formatDate(v.effectiveFrom) })}{' '}
                {v.publicationDecisionNo && <Tag>{v.publicationDecisionNo}</Tag>}
              </>
            ),
          },
        ]}
        style={{ marginBottom: 8 }}
      />
      {procedure.parseWarnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('proc.parseWarnings')}
          description={procedure.parseWarnings.join('; ')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'content',
            label: t('proc.tabContent'),
            children: <ProcedureForm procedure={procedure} onSaved={saved} onConflict={load} />,
          },
          {
            key: 'versions',
            label: t('proc.tabVersions'),
            children: <VersionHistory code={procedure.code} reloadKey={reloadKey} />,
          },
          { key: 'process', label: t('proc.tabProcess'), children: <InternalProcessTab procedure={procedure} /> },
          {
            key: 'delegations',
            label: t('proc.tabDelegations'),
            children: <DelegationsTab procedure={procedure} onChanged={load} />,
          },
        ]}
      />
    </>
  );
}
