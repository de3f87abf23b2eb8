import { lazy, Suspense } from 'react';
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useAuth } from '../../auth/AuthContext';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import type { Grant } from '../../api/types';
import { REPORT_ROLES } from '../../layout/nav';

/** The service-index card (ECharts) of the roles holding 'reports.read', loaded only for them. */
const ServiceIndexCard = lazy(() => import('./ServiceIndexCard'));

export default function HomePage() {
  const t = useT();
  const { user, hasRole } = useAuth();
  const { unit } = useWorkingUnit();
  usePageTitle(t('home.title'));
  if (!user) return null;
  const roles = [...new Set(user.grants.map((g) => g.role))];

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('home.welcome', { name: user.fullName })}
      </Typography.Title>
      {hasRole(...REPORT_ROLES) && (
        <Suspense fallback={null}>
          <ServiceIndexCard />
        </Suspense>
      )}
      <Card>
        <Typography.Paragraph>{t('home.intro')}</Typography.Paragraph>
        {user.grants.length === 0 ? (
          <Typography.Paragraph>{t('home.noGrants')}</Typography.Paragraph>
        ) : (
          <>
            <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('home.roles')}>
                <Space wrap>
                  {roles.map((r) => (
                    <Tag key={r}>{t(`role.${r}`)}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.currentUnit')}>
                {unit ? `${unit.name} (${unit.code})` : '—'}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('home.units')}
            </Typography.Title>
            <Table<Grant>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={user.grants}
              columns={[
                { title: t('grants.unit'), key: 'unit', render: (_, g) => `${g.unitName} (${g.unitCode})` },
                { title: t('grants.role'), key: 'role', render: (_, g) => t(`role.${g.role}`) },
                {
                  title: t('grants.includeSubtree'),
                  key: 'sub',
                  render: (_, g) => (g.includeSubtree ? t('common.yes') : t('common.no')),
                },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}
