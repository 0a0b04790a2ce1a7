import {
  ActionIcon,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { VIEWS } from '../../../../contract/constants';
import type { CaseSort, CaseView } from '../../api/types';
import { useSession } from '../../auth/session';
import { EmptyState, ErrorState, LoadingSkeleton } from '../../components/PageState';
import { useCaseCounts, useCaseList } from './api';
import { CaseTable } from './CaseTable';
import { FilterBar, type FilterPatch } from './FilterBar';
import {
  activeFilters,
  DEFAULT_SORT,
  DRAWER_FILTERS,
  LIST_FILTERS,
  listQuery,
  readSort,
  readView,
} from './filters';

// The dialogs and the drawer (with the date pickers) load when first wanted, not with the page.
const loadCreateDialog = () => import('./CreateCaseDialog');
const loadShortcuts = () => import('./ShortcutsDialog');
const loadMoreFilters = () => import('./MoreFiltersDrawer');
const CreateCaseDialog = lazy(async () => ({ default: (await loadCreateDialog()).CreateCaseDialog }));
const ShortcutsDialog = lazy(async () => ({ default: (await loadShortcuts()).ShortcutsDialog }));
const MoreFiltersDrawer = lazy(async () => ({ default: (await loadMoreFilters()).MoreFiltersDrawer }));

function preload(load: () => Promise<unknown>) {
  // A failed preload is retried by React.lazy when the dialog is opened.
  load().catch(() => undefined);
}

/** Keys typed into a field, or inside a dialog or a list box, are not shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target.closest(
      'input, textarea, select, [role="dialog"], [role="listbox"], [role="combobox"], [role="menu"]',
    ) !== null
  );
}

type Dialog = 'create' | 'shortcuts' | 'filters' | null;

export function WorkbenchPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [urlParams, setUrlParams] = useSearchParams();
  // The router applies a URL change in a transition, a moment later; until then the page shows the
  // change already, so that a checkbox or a tab reacts at once.
  const [pending, setPending] = useState<URLSearchParams | null>(null);
  const urlKey = urlParams.toString();
  useEffect(() => setPending(null), [urlKey]);
  const params = pending ?? urlParams;
  const canQueryAll = session.can('case.queryAll');
  const view = readView(params, canQueryAll);
  const sort = readSort(params);
  const query = useMemo(
    () => listQuery(params, view, sort, session.timeZone),
    [params, view, sort, session.timeZone],
  );
  const list = useCaseList(query);
  const counts = useCaseCounts();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const rows = useRef(new Map<string, HTMLTableRowElement>());

  // Pages can overlap after live inserts move the cursor window; each case is listed once.
  const items = useMemo(() => {
    const seen = new Set<string>();
    return (list.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
  }, [list.data]);
  const firstPage = list.data?.pages[0];

  const update = useCallback(
    (patch: FilterPatch & { view?: string | null }, options?: { replace?: boolean }) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (next.get('sort') === DEFAULT_SORT) next.delete('sort');
      setPending(next);
      setUrlParams(next, { replace: options?.replace ?? false });
    },
    [params, setUrlParams],
  );

  const filters = activeFilters(params, session.timeZone);
  // A date range (from and to) counts as one filter.
  const countOf = (keys: string[]) => new Set(keys.map((key) => key.replace(/From$|To$/, ''))).size;
  const filterCount = countOf(filters);
  const moreCount = countOf(filters.filter((key) => DRAWER_FILTERS.includes(key)));
  const anyFilter = filters.length > 0 || (params.get('q') ?? '') !== '';
  const clearFilters = () => update(Object.fromEntries(LIST_FILTERS.map((key) => [key, null])));

  const open = useCallback((id: string) => void navigate(`/cases/${id}`), [navigate]);

  const moveRow = useCallback(
    (delta: number) => {
      if (items.length === 0) return;
      const index = activeId === null ? -1 : items.findIndex((item) => item.id === activeId);
      let nextIndex = index < 0 ? 0 : index + delta;
      if (nextIndex >= items.length) {
        if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
        nextIndex = items.length - 1;
      }
      nextIndex = Math.max(0, nextIndex);
      const next = items[nextIndex];
      if (!next) return;
      setActiveId(next.id);
      const row = rows.current.get(next.id);
      row?.focus();
      row?.scrollIntoView({ block: 'nearest' });
    },
    [items, activeId, list],
  );

  // j/k move, / searches, c creates, ? lists the keys (Enter on a row opens it: CaseTable).
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog !== null || isTyping(event.target)) return;
    switch (event.key) {
      case 'j':
        event.preventDefault();
        moveRow(1);
        break;
      case 'k':
        event.preventDefault();
        moveRow(-1);
        break;
      case '/':
        event.preventDefault();
        searchRef.current?.focus();
        break;
      case 'c':
        event.preventDefault();
        setDialog('create');
        break;
      case '?':
        event.preventDefault();
        setDialog('shortcuts');
        break;
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const views = VIEWS.filter((item) => item !== 'all' || canQueryAll);
  const closeDialog = () => setDialog(null);

  let body;
  if (list.isPending) {
    body = <LoadingSkeleton rows={8} />;
  } else if (list.isError && items.length === 0) {
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else if (items.length === 0) {
    body = <EmptyState message={anyFilter ? t('workbench.empty.filtered') : t(`workbench.empty.${view}`)} />;
  } else {
    body = (
      <Stack gap="sm">
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        <CaseTable
          items={items}
          sort={sort}
          onSort={(next: CaseSort) => update({ sort: next })}
          activeId={activeId}
          onActivate={setActiveId}
          onOpen={open}
          rowRef={(id, element) => {
            if (element) rows.current.set(id, element);
            else rows.current.delete(id);
          }}
          stale={list.isPlaceholderData}
        />
        {list.hasNextPage && (
          <Center>
            <Button
              variant="default"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          {t('workbench.title')}
        </Title>
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('workbench.shortcutsButton')}
            title={t('workbench.shortcutsButton')}
            onClick={() => setDialog('shortcuts')}
            onMouseEnter={() => preload(loadShortcuts)}
          >
            <span aria-hidden="true">?</span>
          </ActionIcon>
          <Button
            onClick={() => setDialog('create')}
            onMouseEnter={() => preload(loadCreateDialog)}
            onFocus={() => preload(loadCreateDialog)}
            aria-haspopup="dialog"
          >
            {t('workbench.newCase')}
          </Button>
        </Group>
      </Group>

      <Tabs
        value={view}
        onChange={(next) => {
          const chosen = VIEWS.find((item: CaseView) => item === next);
          if (chosen) {
            setActiveId(null);
            update({ view: chosen === 'todo' ? null : chosen });
          }
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('workbench.viewsLabel')}>
          {views.map((item) => {
            const count = counts.data?.[item];
            return (
              <Tabs.Tab
                key={item}
                value={item}
                rightSection={
                  typeof count === 'number' ? (
                    <Badge size="sm" variant="light" color={item === view ? 'blue' : 'gray'} autoContrast>
                      {count}
                    </Badge>
                  ) : undefined
                }
              >
                {t(`workbench.views.${item}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {views.map((item) => (
          <Tabs.Panel key={item} value={item} pt="md">
            {item === view && (
              <Stack gap="md">
                <FilterBar
                  ref={searchRef}
                  params={params}
                  sort={sort}
                  onChange={update}
                  filterCount={filterCount}
                  moreCount={moreCount}
                  anyFilter={anyFilter}
                  onMore={() => setDialog('filters')}
                  onMoreIntent={() => preload(loadMoreFilters)}
                  onClear={clearFilters}
                />
                <Group justify="space-between" gap="xs" mih={22}>
                  <Text size="sm" c="dimmed" aria-live="polite">
                    {firstPage
                      ? firstPage.totalCapped
                        ? t('workbench.totalCapped', { count: firstPage.total })
                        : t('workbench.total', { count: firstPage.total })
                      : null}
                  </Text>
                  {list.isFetching && !list.isPending && !list.isFetchingNextPage && (
                    <Group gap={6}>
                      <Loader size="xs" />
                      <Text size="xs" c="dimmed">
                        {t('workbench.updating')}
                      </Text>
                    </Group>
                  )}
                </Group>
                {body}
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>

      {dialog === 'create' && (
        <Suspense fallback={<LoadingDialog title={t('workbench.create.title')} onClose={closeDialog} />}>
          <CreateCaseDialog opened onClose={closeDialog} />
        </Suspense>
      )}
      {dialog === 'shortcuts' && (
        <Suspense fallback={<LoadingDialog title={t('workbench.shortcuts.title')} onClose={closeDialog} />}>
          <ShortcutsDialog opened onClose={closeDialog} />
        </Suspense>
      )}
      {dialog === 'filters' && (
        <Suspense fallback={null}>
          <MoreFiltersDrawer opened onClose={closeDialog} params={params} onChange={update} />
        </Suspense>
      )}
    </Stack>
  );
}

/** Shown for the moment a dialog's code is loading. */
function LoadingDialog({ title, onClose }: { title: string; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={title} withCloseButton={false} transitionProps={{ duration: 0 }}>
      <LoadingSkeleton rows={4} />
    </Modal>
  );
}
