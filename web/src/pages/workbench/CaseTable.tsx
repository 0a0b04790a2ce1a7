import { ActionIcon, Anchor, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNames } from '../../api/directory';
import type { CaseListItem, CaseSort } from '../../api/types';
import { PriorityBadge, StateBadge, UpgradedMark } from '../../components/Badges';
import { DueCountdown } from '../../components/DueCountdown';
import { useRecentlyChanged } from '../../live/events';
import { useFollow } from './api';
import classes from './Workbench.module.css';

export interface CaseTableProps {
  items: CaseListItem[];
  sort: CaseSort;
  onSort: (sort: CaseSort) => void;
  /** The case the keyboard is on (j/k), or null. */
  activeId: string | null;
  onActivate: (id: string) => void;
  onOpen: (id: string) => void;
  rowRef: (id: string, element: HTMLTableRowElement | null) => void;
  /** The rows are of the previous filter while the new ones load. */
  stale: boolean;
}

function FollowButton({ item }: { item: CaseListItem }) {
  const { t } = useTranslation();
  const follow = useFollow();
  const label = item.followed ? t('workbench.row.unfollow') : t('workbench.row.follow');
  return (
    <ActionIcon
      variant="subtle"
      color={item.followed ? 'yellow.9' : 'gray.7'}
      aria-label={label}
      aria-pressed={item.followed}
      title={label}
      onClick={(event) => {
        event.stopPropagation();
        if (follow.isPending) return;
        follow.mutate({ id: item.id, follow: !item.followed });
      }}
    >
      <span aria-hidden="true" className={classes.star}>
        {item.followed ? '★' : '☆'}
      </span>
    </ActionIcon>
  );
}

/** A column header that sorts: first click the natural direction, the next the other. */
function SortHeader({
  label,
  sort,
  asc,
  desc,
  first,
  onSort,
}: {
  label: string;
  sort: CaseSort;
  asc: CaseSort;
  desc: CaseSort;
  first: CaseSort;
  onSort: (sort: CaseSort) => void;
}) {
  const direction = sort === asc ? 'ascending' : sort === desc ? 'descending' : 'none';
  const next = sort === first ? (first === asc ? desc : asc) : first;
  return (
    <Table.Th scope="col" aria-sort={direction}>
      <UnstyledButton className={classes.sortButton} onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}

function isInteractive(target: EventTarget, row: HTMLElement): boolean {
  if (!(target instanceof Element)) return false;
  const control = target.closest('a, button, input, select, textarea, [role="button"]');
  return control !== null && row.contains(control);
}

export function CaseTable({
  items,
  sort,
  onSort,
  activeId,
  onActivate,
  onOpen,
  rowRef,
  stale,
}: CaseTableProps) {
  const { t } = useTranslation();
  const names = useNames();
  const changed = useRecentlyChanged();
  const tabStop = activeId !== null && items.some((item) => item.id === activeId) ? activeId : items[0]?.id;

  const header = (key: 'caseNo' | 'title' | 'type' | 'status' | 'owner' | 'customer'): ReactNode => (
    <Table.Th scope="col" className={key === 'caseNo' ? classes.fit : undefined}>
      {t(`workbench.columns.${key}`)}
    </Table.Th>
  );

  return (
    <Table.ScrollContainer minWidth={980} type="scrollarea">
      <Table
        highlightOnHover
        verticalSpacing="xs"
        horizontalSpacing="xs"
        className={stale ? classes.dimmed : undefined}
        aria-busy={stale || undefined}
      >
        <caption>
          <VisuallyHidden>{t('workbench.tableCaption')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={44}>
              <VisuallyHidden>{t('workbench.columns.follow')}</VisuallyHidden>
            </Table.Th>
            {header('caseNo')}
            {header('title')}
            {header('type')}
            {header('status')}
            <SortHeader
              label={t('workbench.columns.priority')}
              sort={sort}
              asc="priority"
              desc="-priority"
              first="-priority"
              onSort={onSort}
            />
            {header('owner')}
            {header('customer')}
            <SortHeader
              label={t('workbench.columns.due')}
              sort={sort}
              asc="dueAt"
              desc="-dueAt"
              first="dueAt"
              onSort={onSort}
            />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const owner = item.ownerId
              ? (names.user(item.ownerId) ?? t('common.unknownUser'))
              : item.queueId
                ? t('workbench.row.queueOwner', { name: names.queue(item.queueId) ?? '…' })
                : t('common.none');
            const rowClasses = [classes.row, changed.has(item.id) ? 'row-changed' : null]
              .filter(Boolean)
              .join(' ');
            return (
              <Table.Tr
                key={item.id}
                ref={(element) => rowRef(item.id, element)}
                data-case-id={item.id}
                data-active={item.id === activeId || undefined}
                className={rowClasses}
                tabIndex={item.id === tabStop ? 0 : -1}
                onFocus={() => onActivate(item.id)}
                onClick={(event: MouseEvent<HTMLTableRowElement>) => {
                  if (isInteractive(event.target, event.currentTarget)) return;
                  // Selecting text in a row is not a click on it.
                  if ((window.getSelection()?.toString() ?? '') !== '') return;
                  onOpen(item.id);
                }}
                onKeyDown={(event: KeyboardEvent<HTMLTableRowElement>) => {
                  if (event.key === 'Enter' && event.target === event.currentTarget) {
                    event.preventDefault();
                    onOpen(item.id);
                  }
                }}
              >
                <Table.Td>
                  <FollowButton item={item} />
                </Table.Td>
                <Table.Td className={classes.fit}>
                  <Anchor
                    component={Link}
                    to={`/cases/${item.id}`}
                    fw={600}
                    size="sm"
                    aria-label={t('workbench.row.open', { caseNo: item.caseNo })}
                  >
                    #{item.caseNo}
                  </Anchor>
                </Table.Td>
                <Table.Td className={classes.title}>
                  {item.upgraded && <UpgradedMark />}
                  <Text span size="sm">
                    {item.title}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{names.caseType(item.typeId) ?? '…'}</Text>
                </Table.Td>
                <Table.Td className={classes.fit}>
                  <Stack gap={2} align="flex-start">
                    <Text size="sm">{item.status}</Text>
                    {item.state !== 'open' && <StateBadge state={item.state} />}
                  </Stack>
                </Table.Td>
                <Table.Td className={classes.fit}>
                  <PriorityBadge priority={item.priority} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{owner}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.customerName ?? t('common.none')}</Text>
                </Table.Td>
                <Table.Td className={classes.fit}>
                  <DueCountdown dueAt={item.sla?.dueAt ?? item.dueAt} running={item.state === 'open'} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
