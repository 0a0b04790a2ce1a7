import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function MyTasksPage() {
  const { t } = useTranslation();
  return <Title order={1}>{t('tasks.title')}</Title>;
}
