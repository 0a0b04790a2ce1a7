import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function CustomersPage() {
  const { t } = useTranslation();
  return <Title order={1}>{t('customers.title')}</Title>;
}
