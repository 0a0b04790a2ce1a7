import { NumberInput, SimpleGrid, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SLA_LIMITS } from '../../../../contract/constants';
import type { FieldError } from '../../api/client';
import type { Priority, SlaRule, SlaRuleInput } from '../../api/types';
import { formatDuration } from '../../i18n/format';
import { configKeys, useAllCaseTypes, useCalendars, useCaseTypeOptions, useConfigList } from './shared/data';
import { FormModal } from './shared/FormModal';
import { NameInput, OptionalSelect, REQUIRED, SwitchField } from './shared/forms';
import { OnOffBadge } from './shared/PageParts';
import { ResourceListPage, type ResourceFormProps } from './shared/ResourceListPage';
import { NameCell } from './shared/ResourceTable';
import { useSaveResource } from './shared/useSaveResource';

const SHOWN = ['name', 'caseTypeId', 'targets', 'warnBeforeMinutes', 'calendarId', 'active'];
const INVALIDATE = [configKeys.slaRules];
/** Highest first, as the form lists them. */
const TARGET_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Priority[];
type Targets = Record<(typeof TARGET_PRIORITIES)[number], number | string>;
const DEFAULT_TARGETS: Targets = { critical: 240, high: 480, medium: 1440, low: 4320 };

function asMinutes(value: number | string): number | null {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && value !== '' ? n : null;
}

function SlaRuleForm({ item: rule, opened, onClose }: ResourceFormProps<SlaRule>) {
  const { t } = useTranslation();
  const typeOptions = useCaseTypeOptions();
  const calendars = useCalendars().data ?? [];
  const [name, setName] = useState(rule?.name ?? '');
  const [caseTypeId, setCaseTypeId] = useState<string | null>(rule?.caseTypeId ?? null);
  const [targets, setTargets] = useState<Targets>(rule?.targets ?? DEFAULT_TARGETS);
  const [warnBefore, setWarnBefore] = useState<number | string>(rule?.warnBeforeMinutes ?? 60);
  const [calendarId, setCalendarId] = useState<string | null>(rule?.calendarId ?? null);
  const [active, setActive] = useState(rule?.active ?? true);
  const validate = (): FieldError[] => {
    const problems: FieldError[] = [];
    if (name.trim() === '') problems.push({ field: 'name', message: t('config.form.required') });
    for (const priority of TARGET_PRIORITIES) {
      const value = asMinutes(targets[priority]);
      if (value === null || value < 1 || value > SLA_LIMITS.targetMaxMinutes)
        problems.push({
          field: `targets.${priority}`,
          message: t('config.slaRules.minutesRange', { min: 1, max: SLA_LIMITS.targetMaxMinutes }),
        });
    }
    const warn = asMinutes(warnBefore);
    if (warn === null || warn < 0 || warn > SLA_LIMITS.targetMaxMinutes)
      problems.push({
        field: 'warnBeforeMinutes',
        message: t('config.slaRules.minutesRange', { min: 0, max: SLA_LIMITS.targetMaxMinutes }),
      });
    return problems;
  };
  const form = useSaveResource<SlaRule>({
    collection: '/api/v1/sla-rules',
    item: rule,
    invalidate: INVALIDATE,
    onSaved: onClose,
    validate,
  });

  const submit = () => {
    if (!form.check()) return;
    const minutes = {} as Record<(typeof TARGET_PRIORITIES)[number], number>;
    for (const priority of TARGET_PRIORITIES) minutes[priority] = asMinutes(targets[priority]) ?? 1;
    const warn = asMinutes(warnBefore) ?? 0;
    const body: SlaRuleInput = {
      name: name.trim(),
      caseTypeId,
      targets: minutes,
      warnBeforeMinutes: warn,
      calendarId,
      active,
    };
    form.save(body);
  };

  const hint = (value: number | string) => {
    const n = asMinutes(value);
    return n !== null && n > 0 ? `= ${formatDuration(n * 60_000, t)}` : undefined;
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={rule ? t('config.slaRules.editTitle', { name: rule.name }) : t('config.slaRules.new')}
      onSubmit={submit}
      form={form}
      shownFields={SHOWN}
    >
      <NameInput
        label={t('config.slaRules.name')}
        value={name}
        onChange={setName}
        error={form.fieldError('name')}
      />
      <OptionalSelect
        label={t('config.slaRules.caseType')}
        description={t('config.slaRules.caseTypeHint')}
        placeholder={t('config.slaRules.allTypes')}
        data={typeOptions}
        value={caseTypeId}
        onChange={setCaseTypeId}
        error={form.fieldError('caseTypeId')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        {TARGET_PRIORITIES.map((priority) => (
          <NumberInput
            key={priority}
            label={t(`config.slaRules.target.${priority}`)}
            description={hint(targets[priority])}
            value={targets[priority]}
            onChange={(value) => setTargets((current) => ({ ...current, [priority]: value }))}
            min={1}
            max={SLA_LIMITS.targetMaxMinutes}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            {...REQUIRED}
            error={form.fieldError(`targets.${priority}`)}
          />
        ))}
      </SimpleGrid>
      <NumberInput
        label={t('config.slaRules.warnBefore')}
        description={t('config.slaRules.warnBeforeHint')}
        value={warnBefore}
        onChange={setWarnBefore}
        min={0}
        max={SLA_LIMITS.targetMaxMinutes}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="none"
        error={form.fieldError('warnBeforeMinutes')}
      />
      <OptionalSelect
        label={t('config.slaRules.calendar')}
        description={t('config.slaRules.calendarHint')}
        placeholder={t('config.slaRules.noCalendar')}
        data={calendars.map((calendar) => ({ value: calendar.id, label: calendar.name }))}
        value={calendarId}
        onChange={setCalendarId}
        searchable={false}
        error={form.fieldError('calendarId')}
      />
      <SwitchField
        label={t('config.slaRules.active')}
        description={t('config.slaRules.activeHint')}
        checked={active}
        onChange={(event) => setActive(event.currentTarget.checked)}
        error={form.fieldError('active')}
      />
    </FormModal>
  );
}

export function SlaRulesPage() {
  const { t } = useTranslation();
  const rules = useConfigList<SlaRule>(configKeys.slaRules, '/api/v1/sla-rules');
  const types = useAllCaseTypes().data;
  const calendars = useCalendars().data;
  const typeName = (id: string | null) =>
    id === null ? t('config.slaRules.allTypes') : (types?.find((type) => type.id === id)?.name ?? '…');
  const calendarName = (id: string | null) =>
    id === null ? t('config.slaRules.noCalendar') : (calendars?.find((c) => c.id === id)?.name ?? '…');
  const duration = (minutes: number) => formatDuration(minutes * 60_000, t);

  return (
    <ResourceListPage
      title={t('config.pages.slaRules')}
      description={t('config.slaRules.intro')}
      newLabel={t('config.slaRules.new')}
      emptyMessage={t('config.slaRules.empty')}
      query={rules}
      minWidth={800}
      head={
        <>
          <Table.Th>{t('config.slaRules.name')}</Table.Th>
          <Table.Th>{t('config.slaRules.typeAndCalendar')}</Table.Th>
          {TARGET_PRIORITIES.map((priority) => (
            <Table.Th key={priority}>{t(`enums.priority.${priority}`)}</Table.Th>
          ))}
          <Table.Th>{t('config.slaRules.warnShort')}</Table.Th>
          <Table.Th>{t('config.slaRules.active')}</Table.Th>
        </>
      }
      cells={(rule) => (
        <>
          <NameCell name={rule.name} />
          <Table.Td>
            <Text size="sm">{typeName(rule.caseTypeId)}</Text>
            <Text size="xs" c="dimmed">
              {calendarName(rule.calendarId)}
            </Text>
          </Table.Td>
          {TARGET_PRIORITIES.map((priority) => (
            <Table.Td key={priority}>{duration(rule.targets[priority])}</Table.Td>
          ))}
          <Table.Td>
            {rule.warnBeforeMinutes > 0 ? duration(rule.warnBeforeMinutes) : t('common.none')}
          </Table.Td>
          <Table.Td>
            <OnOffBadge
              on={rule.active}
              onLabel={t('config.common.active')}
              offLabel={t('config.common.inactive')}
            />
          </Table.Td>
        </>
      )}
      deletePath={(rule) => `/api/v1/sla-rules/${rule.id}`}
      invalidate={INVALIDATE}
      form={(props) => <SlaRuleForm {...props} />}
    />
  );
}
