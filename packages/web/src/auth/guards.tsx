import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { useAuth } from './AuthContext';
import type { Role } from '../api/types';
import { useT } from '../i18n';
import { problemMessage } from '../api/problem';

export function FullPageSpin() {
  const t = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" tip={t('common.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

/** Sends anonymous users to the login page (remembering where they were going). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous') return <Navigate to="/dang-nhap" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useAuth();
  if (!hasRole(...roles)) return <Forbidden />;
  return <>{children}</>;
}

export function Forbidden() {
  const t = useT();
  return <Result status="403" title="403" subTitle={t('common.forbidden')} extra={<HomeButton />} />;
}

export function NotFound() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<HomeButton />} />;
}

function HomeButton() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={problemMessage(error, t)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
