import { Alert, Box, Flex, NavLink, ScrollArea, Stack, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink as RouterLink, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../../auth/session';
import { LoadingSkeleton } from '../../components/PageState';
import './shared/config.css';
import { allowedPages, CONFIG_PAGES, type ConfigPageKey } from './shared/pages';

// Each page is its own chunk: an administrator opening one page does not load the editors of all.
const PAGE_COMPONENTS: Record<ConfigPageKey, LazyExoticComponent<ComponentType>> = {
  tenant: lazy(async () => ({ default: (await import('./TenantSettingsPage')).TenantSettingsPage })),
  users: lazy(async () => ({ default: (await import('./UsersPage')).UsersPage })),
  ous: lazy(async () => ({ default: (await import('./OusPage')).OusPage })),
  roles: lazy(async () => ({ default: (await import('./RolesPage')).RolesPage })),
  queues: lazy(async () => ({ default: (await import('./QueuesPage')).QueuesPage })),
  caseTypes: lazy(async () => ({ default: (await import('./CaseTypesPage')).CaseTypesPage })),
  calendars: lazy(async () => ({ default: (await import('./CalendarsPage')).CalendarsPage })),
  slaRules: lazy(async () => ({ default: (await import('./SlaRulesPage')).SlaRulesPage })),
  templates: lazy(async () => ({ default: (await import('./TemplatesPage')).TemplatesPage })),
  channels: lazy(async () => ({ default: (await import('./ChannelsPage')).ChannelsPage })),
  assignment: lazy(async () => ({ default: (await import('./AssignmentRulePage')).AssignmentRulePage })),
  tokens: lazy(async () => ({ default: (await import('./ApiTokensPage')).ApiTokensPage })),
  outbox: lazy(async () => ({ default: (await import('./OutboxPage')).OutboxPage })),
};

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" role="alert" title={t('config.notAllowedTitle')}>
      {t('config.notAllowed')}
    </Alert>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Alert color="gray" role="alert" title={t('config.notFoundTitle')}>
      {t('config.notFound')}
    </Alert>
  );
}

/** The configuration area: a sub-navigation of the pages the user may see, and the page. */
export function ConfigurationPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const allowed = allowedPages(session);
  const allowedKeys = new Set(allowed.map((page) => page.key));
  const first = allowed[0];
  const stripRef = useRef<HTMLDivElement>(null);

  // On a phone the links are a sideways strip: keep the current page's link in view.
  useEffect(() => {
    if (wide) return;
    const active = stripRef.current?.querySelector<HTMLElement>('[data-active]');
    active?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [wide, location.pathname]);

  const links = allowed.map((page) => {
    const to = `/config/${page.path}`;
    return (
      <NavLink
        key={page.key}
        component={RouterLink}
        to={to}
        label={t(`config.pages.${page.key}`)}
        active={location.pathname === to || location.pathname.startsWith(`${to}/`)}
        style={wide ? undefined : { width: 'auto', whiteSpace: 'nowrap', flex: '0 0 auto' }}
      />
    );
  });

  return (
    <Stack gap="md">
      <Title order={1}>{t('config.title')}</Title>
      <Flex direction={wide ? 'row' : 'column'} gap="lg" align="stretch">
        {links.length > 0 && (
          <Box
            component="nav"
            aria-label={t('config.navLabel')}
            style={wide ? { flex: '0 0 200px' } : { minWidth: 0 }}
          >
            {wide ? (
              <Stack gap={2}>{links}</Stack>
            ) : (
              <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars="x" viewportRef={stripRef}>
                <Flex gap={4} wrap="nowrap">
                  {links}
                </Flex>
              </ScrollArea>
            )}
          </Box>
        )}
        <Box style={{ flex: '1 1 auto', minWidth: 0 }}>
          <Suspense fallback={<LoadingSkeleton />}>
            <Routes>
              <Route
                index
                element={first ? <Navigate to={`/config/${first.path}`} replace /> : <NotAllowed />}
              />
              {CONFIG_PAGES.map((page) => {
                const Page = PAGE_COMPONENTS[page.key];
                return (
                  <Route
                    key={page.key}
                    path={`${page.path}/*`}
                    element={allowedKeys.has(page.key) ? <Page /> : <NotAllowed />}
                  />
                );
              })}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Box>
      </Flex>
    </Stack>
  );
}
