import { Link, useNavigate } from 'react-router-dom';
import { Card, Input, Typography } from 'antd';
import { ClockCircleOutlined, FileSearchOutlined, FolderOpenOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';

export default function PortalHome() {
  const t = useT();
  const navigate = useNavigate();
  usePageTitle(t('portal.homeTitle'));
  return (
    <>
      <section className="portal-hero" aria-labelledby="portal-home-title">
        <Typography.Title level={1} id="portal-home-title" className="page-title">
          {t('portal.homeTitle')}
        </Typography.Title>
        <Typography.Paragraph>{t('portal.homeIntro')}</Typography.Paragraph>
        <form role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('portal.searchLabel')}>
          <label htmlFor="portal-q" className="visually-hidden">
            {t('portal.searchLabel')}
          </label>
          <Input.Search
            id="portal-q"
            size="large"
            placeholder={t('portal.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={(v) => navigate(`/dich-vu-cong/thu-tuc${v.trim() ? `?q=${encodeURIComponent(v.trim())}` : ''}`)}
            style={{ maxWidth: 720 }}
          />
        </form>
      </section>
      <div className="portal-cards">
        <Link to="/dich-vu-cong/thu-tuc" className="portal-card-link">
          <Card hoverable style={{ height: '100%' }}>
            <Card.Meta
              avatar={<FileSearchOutlined aria-hidden style={{ fontSize: 28, color: '#0958d9' }} />}
              title={<h2 className="portal-card-title">{t('portal.cardCatalog')}</h2>}
              description={t('portal.cardCatalogText')}
            />
          </Card>
        </Link>
        <Link to="/tra-cuu" className="portal-card-link">
          <Card hoverable style={{ height: '100%' }}>
            <Card.Meta
              avatar={<SearchOutlined aria-hidden style={{ fontSize: 28, color: '#0958d9' }} />}
              title={<h2 className="portal-card-title">{t('portal.cardTrack')}</h2>}
              description={t('portal.cardTrackText')}
            />
          </Card>
        </Link>
        <Link to="/dich-vu-cong/ho-so-cua-toi" className="portal-card-link">
          <Card hoverable style={{ height: '100%' }}>
            <Card.Meta
              avatar={<FolderOpenOutlined aria-hidden style={{ fontSize: 28, color: '#0958d9' }} />}
              title={<h2 className="portal-card-title">{t('portal.cardMine')}</h2>}
              description={t('portal.cardMineText')}
            />
          </Card>
        </Link>
        <Link to="/dich-vu-cong/thoi-han" className="portal-card-link">
          <Card hoverable style={{ height: '100%' }}>
            <Card.Meta
              avatar={<ClockCircleOutlined aria-hidden style={{ fontSize: 28, color: '#0958d9' }} />}
              title={<h2 className="portal-card-title">{t('portal.cardDue')}</h2>}
              description={t('portal.cardDueText')}
            />
          </Card>
        </Link>
      </div>
    </>
  );
}
