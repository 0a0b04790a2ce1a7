import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function CaseDetailsPage() {
  const { t } = useTranslation();
  return <Title order={1}>{t('caseDetails.title')}</Title>;
}
