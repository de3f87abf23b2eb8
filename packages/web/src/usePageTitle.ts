import { useEffect } from 'react';
import { useT } from './i18n';

/** Sets the document title: "<page> · Một cửa điện tử". */
export function usePageTitle(title: string): void {
  const t = useT();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
