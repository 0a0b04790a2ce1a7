import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function WorkbenchPage() {
  const { t } = useTranslation();
  return <Title order={1}>{t('workbench.title')}</Title>;
}
