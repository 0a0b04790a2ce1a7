import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../api/client';
import type { Language } from '../api/types';
import { useSessionState } from '../auth/session';
import { rememberLanguage } from '../i18n';

/** English / 简体中文; remembered in the browser, and on the user's profile when signed in. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { session } = useSessionState();
  const change = (value: string) => {
    const language = value as Language;
    rememberLanguage(language);
    if (session) {
      void apiRequest('/api/v1/me', { method: 'PATCH', body: { language } }).then(() => session.refresh());
    }
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      value={i18n.language === 'zh-CN' ? 'zh-CN' : 'en'}
      onChange={change}
      data={[
        { value: 'en', label: 'English' },
        { value: 'zh-CN', label: '简体中文' },
      ]}
    />
  );
}
