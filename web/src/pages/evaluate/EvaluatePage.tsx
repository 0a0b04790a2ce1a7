import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function EvaluatePage() {
  const { t } = useTranslation();
  return <Title order={1}>{t('evaluate.title')}</Title>;
}
