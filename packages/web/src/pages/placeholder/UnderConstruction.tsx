import { Result, Typography } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useT, type MessageKey } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';

/** Shown for modules that later issues will build; says what will come. */
export default function UnderConstruction({
  titleKey,
  descriptionKey,
}: {
  titleKey: MessageKey;
  descriptionKey: MessageKey;
}) {
  const t = useT();
  const title = t(titleKey);
  usePageTitle(title);
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {title}
      </Typography.Title>
      <Result
        icon={<ToolOutlined aria-hidden />}
        title={t('placeholder.title')}
        subTitle={
          <>
            <Typography.Paragraph>{t('placeholder.intro', { name: title })}</Typography.Paragraph>
            <Typography.Paragraph>{t(descriptionKey)}</Typography.Paragraph>
          </>
        }
      />
    </>
  );
}
