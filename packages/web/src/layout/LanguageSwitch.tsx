import { Select } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLang, useT, type Lang } from '../i18n';

export function LanguageSwitch() {
  const t = useT();
  const [lang, setLang] = useLang();
  return (
    <Select<Lang>
      id="language-switch"
      aria-label={t('lang.label')}
      value={lang}
      onChange={setLang}
      prefix={<GlobalOutlined aria-hidden />}
      style={{ width: 150 }}
      options={[
        { value: 'vi', label: <span lang="vi">{t('lang.vi')}</span> },
        { value: 'en', label: <span lang="en">{t('lang.en')}</span> },
      ]}
    />
  );
}
