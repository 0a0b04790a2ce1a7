import { AppShell, Burger, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { SessionExpiredModal } from '../auth/SessionExpiredModal';
import { useSession } from '../auth/session';
import { useLiveEvents } from '../live/events';
import { GlobalSearch } from './GlobalSearch';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { canSeeConfiguration } from './permissions';

/** The signed-in frame: navigation on the left, the top bar, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [navOpen, nav] = useDisclosure(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useLiveEvents();
  useHotkeys([['mod+k', () => searchRef.current?.focus()]]);

  const links = [
    {
      to: '/',
      label: t('nav.workbench'),
      match: (path: string) => path === '/' || path.startsWith('/cases'),
    },
    { to: '/tasks', label: t('nav.myTasks'), match: (path: string) => path.startsWith('/tasks') },
    { to: '/customers', label: t('nav.customers'), match: (path: string) => path.startsWith('/customers') },
  ];
  if (canSeeConfiguration(session))
    links.push({
      to: '/config',
      label: t('nav.configuration'),
      match: (path: string) => path.startsWith('/config'),
    });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.openNavigation')}
            />
            <Text fw={700} visibleFrom="xs">
              {t('common.appName')}
            </Text>
            <GlobalSearch ref={searchRef} />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.mainNavigation')}>
        <VisuallyHidden>{t('common.appName')}</VisuallyHidden>
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={RouterLink}
            to={link.to}
            label={link.label}
            active={link.match(location.pathname)}
            onClick={nav.close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
      <SessionExpiredModal />
    </AppShell>
  );
}
