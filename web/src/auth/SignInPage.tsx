import { Center, Group, Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { useSessionState } from './session';
import { SignInForm } from './SignInForm';

export function SignInPage() {
  const { t } = useTranslation();
  const { signedIn } = useSessionState();
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Group justify="space-between" mb="lg" wrap="nowrap">
          <Title order={1} size="h3">
            {t('auth.signInTitle')}
          </Title>
          <LanguageSwitch />
        </Group>
        <SignInForm onSignedIn={signedIn} />
      </Paper>
    </Center>
  );
}
