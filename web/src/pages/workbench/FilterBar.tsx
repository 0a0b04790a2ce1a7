import { Box, Button, Checkbox, Group, MultiSelect, Select, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { forwardRef, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATES, PRIORITIES, SORTS } from '../../../../contract/constants';
import { useCaseTypes } from '../../api/directory';
import type { CaseSort } from '../../api/types';
import { DEFAULT_DUE_SOON_HOURS, readList, type FilterKey } from './filters';
import { SearchBox } from './SearchBox';

export type FilterPatch = Partial<Record<FilterKey | 'sort', string | null>>;

export interface FilterBarProps {
  params: URLSearchParams;
  sort: CaseSort;
  onChange: (patch: FilterPatch, options?: { replace?: boolean }) => void;
  /** How many filters are set (all, and those of the drawer). */
  filterCount: number;
  moreCount: number;
  anyFilter: boolean;
  onMore: () => void;
  onMoreIntent: () => void;
  onClear: () => void;
}

const MULTI_WIDTH = { base: '100%', xs: 200 };

export const FilterBar = forwardRef<HTMLInputElement, FilterBarProps>(function FilterBar(
  { params, sort, onChange, filterCount, moreCount, anyFilter, onMore, onMoreIntent, onClear },
  searchRef,
) {
  const { t } = useTranslation();
  const types = useCaseTypes();
  const typeData = useMemo(
    () => (types.data ?? []).map((type) => ({ value: type.id, label: type.name })),
    [types.data],
  );
  const list = (key: FilterKey) => readList(params, key);
  const setList = (key: FilterKey, values: string[]) =>
    onChange({ [key]: values.length ? values.join(',') : null });
  const flag = (key: FilterKey) => params.get(key) === 'true';
  const dueSoon = (params.get('dueWithinHours') ?? '') !== '';
  // On a phone the filters fold away under one button, so that the cases stay in view.
  const small = useMediaQuery('(max-width: 36em)');
  const [unfolded, setUnfolded] = useState(false);

  const search = (
    <SearchBox
      ref={searchRef}
      value={params.get('q') ?? ''}
      onSearch={(words, options) => onChange({ q: words || null }, options)}
    />
  );
  const controls = (
    <>
      <MultiSelect
        label={t('workbench.filters.state')}
        placeholder={list('state').length ? undefined : t('workbench.filters.any')}
        data={CASE_STATES.map((state) => ({ value: state, label: t(`enums.state.${state}`) }))}
        value={list('state')}
        onChange={(values) => setList('state', values)}
        clearable
        w={MULTI_WIDTH}
      />
      <MultiSelect
        label={t('workbench.filters.type')}
        placeholder={list('typeId').length ? undefined : t('workbench.filters.any')}
        data={typeData}
        value={list('typeId').filter((id) => typeData.some((item) => item.value === id))}
        onChange={(values) => setList('typeId', values)}
        searchable
        clearable
        w={MULTI_WIDTH}
      />
      <MultiSelect
        label={t('workbench.filters.priority')}
        placeholder={list('priority').length ? undefined : t('workbench.filters.any')}
        data={[...PRIORITIES].reverse().map((priority) => ({
          value: priority,
          label: t(`enums.priority.${priority}`),
        }))}
        value={list('priority')}
        onChange={(values) => setList('priority', values)}
        clearable
        w={MULTI_WIDTH}
      />
      <Select
        label={t('workbench.sortBy')}
        data={SORTS.map((value) => ({ value, label: t(`workbench.sort.${value}`) }))}
        value={sort}
        onChange={(value) => onChange({ sort: value })}
        allowDeselect={false}
        w={{ base: '100%', xs: 190 }}
      />
      <Group gap="md" wrap="wrap" pb={8}>
        <Checkbox
          label={t('workbench.filters.overdue')}
          checked={flag('overdue')}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            onChange({ overdue: checked ? 'true' : null });
          }}
        />
        <Checkbox
          label={t('workbench.filters.dueSoon')}
          checked={dueSoon}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            onChange({ dueWithinHours: checked ? String(DEFAULT_DUE_SOON_HOURS) : null });
          }}
        />
        <Checkbox
          label={t('workbench.filters.upgraded')}
          checked={flag('upgraded')}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            onChange({ upgraded: checked ? 'true' : null });
          }}
        />
        <Checkbox
          label={t('workbench.filters.reopened')}
          checked={flag('reopened')}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            onChange({ reopened: checked ? 'true' : null });
          }}
        />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Button
          variant="light"
          onClick={onMore}
          onMouseEnter={onMoreIntent}
          onFocus={onMoreIntent}
          aria-haspopup="dialog"
        >
          {moreCount > 0
            ? t('workbench.filters.moreWithCount', { count: moreCount })
            : t('workbench.filters.more')}
        </Button>
        {anyFilter && (
          <Button variant="subtle" color="gray" onClick={onClear}>
            {t('workbench.filters.clear')}
          </Button>
        )}
      </Group>
    </>
  );

  if (small)
    return (
      <Stack gap="xs" role="search" aria-label={t('workbench.filters.label')}>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <Box flex={1}>{search}</Box>
          <Button
            variant={filterCount > 0 ? 'light' : 'default'}
            onClick={() => setUnfolded((value) => !value)}
            aria-expanded={unfolded}
          >
            {filterCount > 0
              ? t('workbench.filters.labelWithCount', { count: filterCount })
              : t('workbench.filters.label')}
          </Button>
        </Group>
        {unfolded && <Stack gap="xs">{controls}</Stack>}
      </Stack>
    );
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('workbench.filters.label')}>
      {search}
      {controls}
    </Group>
  );
});
