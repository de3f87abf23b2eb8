import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Result, Space } from 'antd';
import { catalogApi } from '../../api/catalog';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';

/** Entry point of online submission (built by a later issue): says so and keeps the procedure code. */
export default function OnlineSubmitPage() {
  const t = useT();
  const { code = '' } = useParams();
  const [name, setName] = useState<string | null>(null);
  usePageTitle(t('submit.title'));
  useEffect(() => {
    const ac = new AbortController();
    catalogApi.get(code, undefined, ac.signal).then(
      (p) => setName(p.name),
      () => undefined,
    );
    return () => ac.abort();
  }, [code]);
  return (
    <Result
      status="info"
      title={
        <h1 className="page-title" style={{ fontSize: 22 }}>
          {t('submit.title')}
        </h1>
      }
      subTitle={
        <>
          <p>
            <strong>{t('submit.notYet')}</strong>
          </p>
          <p data-testid="submit-procedure">
            {name ? t('submit.detail', { name, code }) : t('submit.detailNoName', { code })}
          </p>
        </>
      }
      extra={
        <Space wrap>
          <Link to={`/dich-vu-cong/thu-tuc/${encodeURIComponent(code)}`} className="btn-link primary">
            {t('due.backToProcedure')}
          </Link>
        </Space>
      }
    />
  );
}
