// Loaded on demand: the date pickers (@mantine/dates, dayjs) stay out of the workbench's first chunk.
import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import { Button, Drawer, Group, MultiSelect, NumberInput, Stack } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ORIGINS } from '../../../../contract/constants';
import { useCaseTypes, useQueues, useUsers } from '../../api/directory';
import { useSession } from '../../auth/session';
import { CustomerPicker } from './CustomerPicker';
import { readList, type FilterKey } from './filters';
import type { FilterPatch } from './FilterBar';
import { DATE_ONLY, epochToWall } from './time';

export interface MoreFiltersDrawerProps {
  opened: boolean;
  onClose: () => void;
  params: URLSearchParams;
  onChange: (patch: FilterPatch) => void;
}

/** A URL date bound as the day it falls on in the user's zone ("YYYY-MM-DD"), for the picker. */
function dayOf(value: string | null, timeZone: string): string | null {
  if (!value) return null;
  if (DATE_ONLY.test(value)) return value;
  const epoch = Date.parse(value);
  return Number.isNaN(epoch) ? null : epochToWall(epoch, timeZone).slice(0, 10);
}

function DateRange({
  label,
  from,
  to,
  params,
  onChange,
}: {
  label: string;
  from: FilterKey;
  to: FilterKey;
  params: URLSearchParams;
  onChange: (patch: FilterPatch) => void;
}) {
  const { timeZone } = useSession();
  const value: [string | null, string | null] = [
    dayOf(params.get(from), timeZone),
    dayOf(params.get(to), timeZone),
  ];
  return (
    <DatePickerInput
      type="range"
      label={label}
      aria-label={label}
      placeholder="—"
      value={value}
      valueFormat="YYYY-MM-DD"
      allowSingleDateInRange
      clearable
      onChange={([start, end]) => {
        // A range is applied once both ends are chosen; clearing removes both.
        if (start && end) onChange({ [from]: start.slice(0, 10), [to]: end.slice(0, 10) });
        else if (!start && !end) onChange({ [from]: null, [to]: null });
      }}
    />
  );
}

export function MoreFiltersDrawer({ opened, onClose, params, onChange }: MoreFiltersDrawerProps) {
  const { t, i18n } = useTranslation();
  const types = useCaseTypes();
  const users = useUsers();
  const queues = useQueues();
  const list = (key: FilterKey) => readList(params, key);
  const setList = (key: FilterKey, values: string[]) =>
    onChange({ [key]: values.length ? values.join(',') : null });

  // The statuses of the chosen types (or of every type), each once.
  const statuses = useMemo(() => {
    const chosen = new Set(readList(params, 'typeId'));
    const seen = new Set<string>();
    for (const type of types.data ?? [])
      if (chosen.size === 0 || chosen.has(type.id)) for (const status of type.process) seen.add(status);
    for (const status of readList(params, 'status')) seen.add(status);
    return [...seen];
  }, [types.data, params]);
  const userData = useMemo(
    () =>
      (users.data ?? [])
        .filter((user) => !user.disabled || readList(params, 'ownerId').includes(user.id))
        .map((user) => ({ value: user.id, label: user.name })),
    [users.data, params],
  );
  const queueData = useMemo(
    () => (queues.data ?? []).map((queue) => ({ value: queue.id, label: queue.name })),
    [queues.data],
  );
  const known = (key: FilterKey, data: { value: string }[]) =>
    list(key).filter((id) => data.some((item) => item.value === id));
  const hours = Number(params.get('dueWithinHours') ?? '');

  return (
    <DatesProvider settings={{ locale: i18n.language === 'zh-CN' ? 'zh-cn' : 'en', firstDayOfWeek: 1 }}>
      <Drawer
        opened={opened}
        onClose={onClose}
        position="right"
        title={t('workbench.filters.more')}
        size="md"
      >
        <Stack gap="md">
          <MultiSelect
            label={t('workbench.filters.status')}
            placeholder={list('status').length ? undefined : t('workbench.filters.any')}
            data={statuses}
            value={list('status')}
            onChange={(values) => setList('status', values)}
            searchable
            clearable
          />
          <MultiSelect
            label={t('workbench.filters.origin')}
            placeholder={list('origin').length ? undefined : t('workbench.filters.any')}
            data={ORIGINS.map((origin) => ({ value: origin, label: t(`enums.origin.${origin}`) }))}
            value={list('origin')}
            onChange={(values) => setList('origin', values)}
            clearable
          />
          <MultiSelect
            label={t('workbench.filters.owner')}
            placeholder={list('ownerId').length ? undefined : t('workbench.filters.any')}
            data={userData}
            value={known('ownerId', userData)}
            onChange={(values) => setList('ownerId', values)}
            searchable
            clearable
          />
          <MultiSelect
            label={t('workbench.filters.queue')}
            placeholder={list('queueId').length ? undefined : t('workbench.filters.any')}
            data={queueData}
            value={known('queueId', queueData)}
            onChange={(values) => setList('queueId', values)}
            searchable
            clearable
          />
          <CustomerPicker
            label={t('workbench.filters.customer')}
            placeholder={t('workbench.filters.customerPlaceholder')}
            value={list('customerId')[0] ?? null}
            onChange={(id) => onChange({ customerId: id })}
            clearable
          />
          <NumberInput
            label={t('workbench.filters.dueWithinHours')}
            placeholder={t('workbench.filters.any')}
            min={1}
            max={24 * 365}
            allowDecimal={false}
            value={Number.isFinite(hours) && hours > 0 ? hours : ''}
            onChange={(value) =>
              onChange({ dueWithinHours: typeof value === 'number' && value > 0 ? String(value) : null })
            }
          />
          <DateRange
            label={t('workbench.filters.created')}
            from="createdFrom"
            to="createdTo"
            params={params}
            onChange={onChange}
          />
          <DateRange
            label={t('workbench.filters.due')}
            from="dueFrom"
            to="dueTo"
            params={params}
            onChange={onChange}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('workbench.filters.apply')}</Button>
          </Group>
        </Stack>
      </Drawer>
    </DatesProvider>
  );
}
