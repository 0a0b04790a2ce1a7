import { Alert, Button, Center, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Skeleton lines in the shape of a list or form, shown while the first data loads. */
export function LoadingSkeleton({ rows = 6 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

/** What failed, in words, with a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message =
    error instanceof ApiError
      ? error.code === 'network_error'
        ? t('common.networkError')
        : error.detail
      : t('common.errorTitle');
  return (
    <Alert color="red" title={t('common.errorTitle')} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** An empty list: says so, and what to do next. */
export function EmptyState({ message, action }: { message: string; action?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="sm">
        <Text c="dimmed">{message}</Text>
        {action}
      </Stack>
    </Center>
  );
}

/** The server's refusal as a sentence for a dialog or form. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return fallback;
    const fields = error.fieldErrors.map((item) => `${item.field}: ${item.message}`).join('; ');
    return fields ? `${error.detail} (${fields})` : error.detail;
  }
  return fallback;
}
