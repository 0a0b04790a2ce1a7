import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../contract/constants';
import { ApiError, apiRequest } from '../api/client';
import type { Me } from '../api/types';

const TENANT_KEY = 'casedesk.tenant';

/** The sign-in fields; used by the sign-in page and by the dialog shown when a session expires. */
export function SignInForm({
  onSignedIn,
  initialEmail,
}: {
  onSignedIn: (me: Me) => void;
  initialEmail?: string;
}) {
  const { t } = useTranslation();
  const [tenant, setTenant] = useState(() => localStorage.getItem(TENANT_KEY) ?? '');
  const [email, setEmail] = useState(initialEmail ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiRequest('/api/v1/auth/login', {
        method: 'POST',
        body: { tenant: tenant.trim(), email: email.trim(), password },
        anonymous: true,
      });
      localStorage.setItem(TENANT_KEY, tenant.trim());
      const me = await apiRequest<Me>('/api/v1/me', { anonymous: true });
      setPassword('');
      onSignedIn(me);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 429) {
        setError(t('auth.locked', { minutes: Math.ceil((caught.retryAfterSeconds ?? 900) / 60) }));
      } else if (caught instanceof ApiError && (caught.status === 401 || caught.status === 400)) {
        setError(t('auth.wrongCredentials'));
      } else {
        setError(t('common.networkError'));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('auth.tenant')}
          description={t('auth.tenantHint')}
          value={tenant}
          onChange={(event) => setTenant(event.currentTarget.value)}
          maxLength={LIMITS.slugMax}
          required
          autoComplete="organization"
        />
        <TextInput
          label={t('auth.email')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          maxLength={LIMITS.emailMax}
          required
          autoComplete="username"
        />
        <PasswordInput
          label={t('auth.password')}
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          maxLength={LIMITS.passwordMax}
          required
          autoComplete="current-password"
        />
        <Button type="submit" loading={busy} disabled={!tenant || !email || !password}>
          {t('auth.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
