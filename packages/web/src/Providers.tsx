import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useLang } from './i18n';
import { AuthProvider } from './auth/AuthContext';
import { WorkingUnitProvider } from './auth/WorkingUnitContext';

// Colours chosen for WCAG AA contrast (4.5:1) on white: antd's defaults
// (#1677ff, #ff4d4f, 45 % grey) fall short for normal-size text.
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorErrorHover: '#a8071a',
    colorError: '#c41d1d',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    // antd Select renders its placeholder as a real element, which axe checks.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    borderRadius: 6,
  },
  components: {
    // A disabled Select shows a stored value the user still reads (e.g. the unit of a record being edited), in a
    // plain element axe checks (a disabled native input is exempt): 25 % grey on #f5f5f5 is 1.8:1.
    Select: { colorTextDisabled: 'rgba(0, 0, 0, 0.58)' },
  },
};

function LocalisedConfig({ children }: { children: ReactNode }) {
  const [lang] = useLang();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <LocalisedConfig>
        <AuthProvider>
          <WorkingUnitProvider>{children}</WorkingUnitProvider>
        </AuthProvider>
      </LocalisedConfig>
    </I18nProvider>
  );
}
