import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/**
 * What a page shows when it failed to load or crashed: the reason in words and a way on, instead of
 * the router's developer message. A chunk that no longer exists (the app was updated while the tab
 * was open) is fixed by reloading.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const detail = error instanceof Error ? error.message : isRouteErrorResponse(error) ? error.statusText : '';
  return (
    <Center mih="60vh" p="md" component="main">
      <Stack align="center" gap="sm" maw={520}>
        <Title order={1} size="h3">
          {notFound ? t('common.pageNotFound') : t('common.pageFailed')}
        </Title>
        {detail && !notFound && (
          <Text size="sm" c="dimmed" ta="center">
            {detail}
          </Text>
        )}
        <Stack gap="xs" align="center">
          <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
          <Button variant="subtle" component="a" href="/">
            {t('nav.workbench')}
          </Button>
        </Stack>
      </Stack>
    </Center>
  );
}
