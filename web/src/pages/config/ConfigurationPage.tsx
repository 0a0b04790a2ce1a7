import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ConfigurationPage() {
  const { t } = useTranslation();
  return <Title order={1}>{t('config.title')}</Title>;
}
