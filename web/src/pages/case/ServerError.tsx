import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../api/types';
import { errorMessage } from '../../components/PageState';
import { caseKeys, isVersionConflict } from './api';

/**
 * The server's refusal in words, inside the dialog or form that caused it (role="alert"). A version
 * conflict offers to reload the case; the dialog stays open, so what was typed is kept.
 */
export function ServerError({
  error,
  caseId,
  onReloaded,
}: {
  error: unknown;
  caseId?: string;
  /** Called with the case as it is now, so the form can write against its new version. */
  onReloaded?: (latest: Case | undefined) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reloading, setReloading] = useState(false);
  if (!error) return null;
  if (caseId && isVersionConflict(error)) {
    const reload = async () => {
      setReloading(true);
      try {
        await queryClient.refetchQueries({ queryKey: caseKeys.case(caseId), exact: true });
        void queryClient.invalidateQueries({
          queryKey: caseKeys.case(caseId),
          predicate: (query) => query.queryKey.length > 2,
        });
      } finally {
        setReloading(false);
      }
      notifications.show({ message: t('caseDetails.conflict.reloaded') });
      onReloaded?.(queryClient.getQueryData<Case>(caseKeys.case(caseId)));
    };
    return (
      <Alert color="orange" role="alert" title={t('caseDetails.conflict.title')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('caseDetails.conflict.body')}</Text>
          <Button size="xs" variant="light" color="orange" loading={reloading} onClick={() => void reload()}>
            {t('caseDetails.conflict.reload')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert">
      <Text size="sm">{errorMessage(error, t('common.networkError'))}</Text>
    </Alert>
  );
}
