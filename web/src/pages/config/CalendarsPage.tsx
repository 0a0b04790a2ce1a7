import { ActionIcon, Button, Group, Pill, Select, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconTrash } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_LIMITS } from '../../../../contract/constants';
import type { FieldError } from '../../api/client';
import type { Calendar, CalendarInput } from '../../api/types';
import { useSession } from '../../auth/session';
import { configKeys, timeZones, useCalendars, withValue } from './shared/data';
import { LocalDates, weekdayName } from './shared/dates';
import { EditorFieldset } from './shared/EditorFieldset';
import { requiredFields } from './shared/errors';
import { FormModal } from './shared/FormModal';
import { NameInput, RequiredSelect } from './shared/forms';
import { ResourceListPage, type ResourceFormProps } from './shared/ResourceListPage';
import { NameCell } from './shared/ResourceTable';
import { useSaveResource } from './shared/useSaveResource';

const SHOWN = ['name', 'timeZone', 'weekly', 'holidays'];
const INVALIDATE = [configKeys.calendars];
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const FROM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const TO_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

interface IntervalDraft {
  uid: number;
  day: number;
  from: string;
  to: string;
}

function minutes(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function CalendarForm({ item: calendar, opened, onClose }: ResourceFormProps<Calendar>) {
  const { t } = useTranslation();
  const session = useSession();
  const uid = useRef(0);
  const nextUid = () => ++uid.current;
  const [name, setName] = useState(calendar?.name ?? '');
  const [timeZone, setTimeZone] = useState<string | null>(calendar?.timeZone ?? session.me.tenant.timeZone);
  const [weekly, setWeekly] = useState<IntervalDraft[]>(() =>
    (calendar?.weekly ?? [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }))).map(
      (interval, index) => ({ ...interval, uid: -(index + 1) }),
    ),
  );
  const [holidays, setHolidays] = useState<string[]>(calendar?.holidays ?? []);
  const zones = useMemo(() => withValue(timeZones(), calendar?.timeZone), [calendar?.timeZone]);
  const dayOptions = DAYS.map((day) => ({ value: String(day), label: weekdayName(day, session.locale) }));

  const update = (index: number, patch: Partial<IntervalDraft>) =>
    setWeekly((list) => list.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  const validate = (): FieldError[] => {
    const problems = requiredFields({ name, timeZone }, t('config.form.required'));
    if (weekly.length === 0) problems.push({ field: 'weekly', message: t('config.calendars.needInterval') });
    weekly.forEach((interval, index) => {
      const path = `weekly.${index}`;
      if (!FROM_PATTERN.test(interval.from))
        problems.push({ field: `${path}.from`, message: t('config.calendars.timeFormat') });
      else if (!TO_PATTERN.test(interval.to))
        problems.push({ field: `${path}.to`, message: t('config.calendars.timeFormat') });
      else if (minutes(interval.from) >= minutes(interval.to))
        problems.push({ field: `${path}.to`, message: t('config.calendars.toAfterFrom') });
      else if (
        weekly.some(
          (other, j) =>
            j < index &&
            other.day === interval.day &&
            minutes(other.from) < minutes(interval.to) &&
            minutes(interval.from) < minutes(other.to),
        )
      )
        problems.push({ field: `${path}.from`, message: t('config.calendars.overlap') });
    });
    return problems;
  };
  const form = useSaveResource<Calendar>({
    collection: '/api/v1/calendars',
    item: calendar,
    invalidate: INVALIDATE,
    onSaved: onClose,
    validate,
  });

  const submit = () => {
    if (!form.check() || !timeZone) return;
    const body: CalendarInput = {
      name: name.trim(),
      timeZone,
      weekly: [...weekly]
        .sort((a, b) => a.day - b.day || minutes(a.from) - minutes(b.from))
        .map(({ day, from, to }) => ({ day, from, to })),
      holidays: [...holidays].sort(),
    };
    form.save(body);
  };

  const holidaysError = [
    form.fieldError('holidays'),
    ...holidays.map((_, i) => form.fieldError(`holidays.${i}`)),
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={calendar ? t('config.calendars.editTitle', { name: calendar.name }) : t('config.calendars.new')}
      onSubmit={submit}
      form={form}
      shownFields={SHOWN}
      size="xl"
    >
      <NameInput
        label={t('config.calendars.name')}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <RequiredSelect
        label={t('config.calendars.timeZone')}
        data={zones}
        value={timeZone}
        onChange={setTimeZone}
        error={form.fieldError('timeZone')}
      />
      <EditorFieldset
        legend={t('config.calendars.weekly')}
        hint={t('config.calendars.weeklyHint')}
        gap="xs"
        error={form.fieldError('weekly')}
      >
        {weekly.map((interval, index) => {
          const path = `weekly.${index}`;
          return (
            <Group
              key={interval.uid}
              align="flex-start"
              gap="xs"
              wrap="wrap"
              role="group"
              aria-label={t('config.calendars.intervalLabel', { n: index + 1 })}
            >
              <Select
                label={t('config.calendars.day')}
                data={dayOptions}
                value={String(interval.day)}
                onChange={(value) => {
                  if (value) update(index, { day: Number(value) });
                }}
                allowDeselect={false}
                w={160}
                error={form.fieldError(`${path}.day`)}
              />
              <TextInput
                label={t('config.calendars.from')}
                placeholder="09:00"
                value={interval.from}
                onChange={(event) => update(index, { from: event.currentTarget.value })}
                maxLength={5}
                inputMode="numeric"
                w={96}
                error={form.fieldError(`${path}.from`)}
              />
              <TextInput
                label={t('config.calendars.to')}
                placeholder="18:00"
                value={interval.to}
                onChange={(event) => update(index, { to: event.currentTarget.value })}
                maxLength={5}
                inputMode="numeric"
                w={96}
                error={form.fieldError(`${path}.to`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                aria-label={t('config.calendars.removeInterval', { n: index + 1 })}
                onClick={() => setWeekly((list) => list.filter((_, i) => i !== index))}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          );
        })}
        <Group gap="sm">
          <Button
            variant="light"
            disabled={weekly.length >= SLA_LIMITS.maxWeeklyIntervals}
            onClick={() =>
              setWeekly((list) => [
                ...list,
                { uid: nextUid(), day: list.at(-1)?.day ?? 1, from: '09:00', to: '18:00' },
              ])
            }
          >
            {t('config.calendars.addInterval')}
          </Button>
          <Button
            variant="subtle"
            onClick={() =>
              setWeekly(DAYS.slice(0, 5).map((day) => ({ uid: nextUid(), day, from: '09:00', to: '18:00' })))
            }
          >
            {t('config.calendars.presetWeekdays')}
          </Button>
        </Group>
      </EditorFieldset>
      <EditorFieldset
        legend={t('config.calendars.holidays')}
        hint={t('config.calendars.holidaysHint')}
        gap="xs"
        error={holidaysError}
      >
        <LocalDates>
          <DatePickerInput
            label={t('config.calendars.addHoliday')}
            placeholder={t('config.calendars.pickDate')}
            value={null}
            onChange={(value) => {
              if (typeof value === 'string' && !holidays.includes(value))
                setHolidays((list) => [...list, value].sort());
            }}
            valueFormat="YYYY-MM-DD"
            disabled={holidays.length >= SLA_LIMITS.maxHolidays}
            maw={260}
          />
        </LocalDates>
        {holidays.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('config.calendars.noHolidays')}
          </Text>
        ) : (
          <Pill.Group aria-label={t('config.calendars.holidays')}>
            {holidays.map((day) => (
              <Pill
                key={day}
                withRemoveButton
                onRemove={() => setHolidays((list) => list.filter((item) => item !== day))}
                removeButtonProps={{ 'aria-label': t('config.calendars.removeHoliday', { date: day }) }}
              >
                {day}
              </Pill>
            ))}
          </Pill.Group>
        )}
      </EditorFieldset>
    </FormModal>
  );
}

function summary(calendar: Calendar, locale: string): string {
  return [...calendar.weekly]
    .sort((a, b) => a.day - b.day || minutes(a.from) - minutes(b.from))
    .map((interval) => `${weekdayName(interval.day, locale, 'short')} ${interval.from}–${interval.to}`)
    .join(', ');
}

export function CalendarsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const calendars = useCalendars();
  return (
    <ResourceListPage
      title={t('config.pages.calendars')}
      description={t('config.calendars.intro')}
      newLabel={t('config.calendars.new')}
      emptyMessage={t('config.calendars.empty')}
      query={calendars}
      minWidth={720}
      head={
        <>
          <Table.Th>{t('config.calendars.name')}</Table.Th>
          <Table.Th>{t('config.calendars.timeZone')}</Table.Th>
          <Table.Th>{t('config.calendars.weekly')}</Table.Th>
          <Table.Th>{t('config.calendars.holidays')}</Table.Th>
        </>
      }
      cells={(calendar) => (
        <>
          <NameCell name={calendar.name} />
          <Table.Td>{calendar.timeZone}</Table.Td>
          <Table.Td>
            <Text size="sm">{summary(calendar, session.locale)}</Text>
          </Table.Td>
          <Table.Td>{calendar.holidays.length}</Table.Td>
        </>
      )}
      deletePath={(calendar) => `/api/v1/calendars/${calendar.id}`}
      invalidate={INVALIDATE}
      form={(props) => <CalendarForm {...props} />}
    />
  );
}
