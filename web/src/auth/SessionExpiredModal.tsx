import { Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSessionState } from './session';
import { SignInForm } from './SignInForm';

/**
 * When the session ends mid-work, sign-in happens in a dialog over the page instead of a redirect,
 * so nothing typed into the page underneath is lost.
 */
export function SessionExpiredModal() {
  const { t } = useTranslation();
  const { expired, session, signedIn } = useSessionState();
  return (
    <Modal
      opened={expired}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={t('auth.sessionExpiredTitle')}
      centered
    >
      <Text size="sm" mb="md">
        {t('auth.sessionExpiredBody')}
      </Text>
      <SignInForm onSignedIn={signedIn} initialEmail={session?.me.user.email ?? ''} />
    </Modal>
  );
}
